namespace Integration.Orchestrations.Routing;

/// <summary>The event type names the product understands; one place so normalisers and routes agree.</summary>
public static class EventTypes
{
    public const string CrmDealClosed = "crm.deal.closed.v1";
    public const string CrmDealStageChanged = "crm.deal.stage_changed.v1";
    public const string CrmDealAmountChanged = "crm.deal.amount_changed.v1";
    public const string CrmDealPropertyChanged = "crm.deal.property_changed.v1";

    /// <summary>BambooHR "employee.created": a new hire.</summary>
    public const string HrEmployeeHired = "hr.employee.hired.v1";

    /// <summary>
    /// BambooHR "employee.updated" touching employment (status, employmentHistoryStatus, terminationDate,
    /// the termination time field): a termination entered, moved or cancelled. BambooHR sends no values,
    /// so the workflow reads the record to tell which.
    /// </summary>
    public const string HrEmployeeEmploymentChanged = "hr.employee.employment_changed.v1";

    /// <summary>Any other BambooHR employee update (name, job title...): no workflow acts on it.</summary>
    public const string HrEmployeeUpdated = "hr.employee.updated.v1";
}
