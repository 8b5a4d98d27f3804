// The system tests share one Azurite and the product's queue names: hosts started by different test
// classes would compete for the same queue, so classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
