#!/usr/bin/env bash
# Builds and lints the Bicep in infra/ (CI check; see docs/deploy.md).
#
#   bash infra/check.sh               build main.bicep, build every *.bicepparam, lint; exit 1 on any problem
#   bash infra/check.sh --bicep-path  only make sure the pinned Bicep CLI is installed and print its path
#
# The Bicep CLI is not assumed to be installed. The pinned version is restored from the NuGet feed
# configured for `dotnet` (package Azure.Bicep.CommandLine.<rid>, which ships the native `bicep`
# executable under tools/) into <repo>/.tools/bicep/<version>/. The second run reuses it.
# BICEP_BIN=/path/to/bicep overrides the download (e.g. on a platform without a NuGet package).
#
# Failure policy: any error, and any warning (linter or compiler), fails the check. Linter rules are
# "error", "info" or "off" in infra/bicepconfig.json; "info" diagnostics are printed but never fail.
set -euo pipefail

BICEP_VERSION="0.49.2"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
infra_dir="${repo_root}/infra"

log() { printf '%s\n' "$*" >&2; }

detect_rid() {
  local os arch
  case "$(uname -s)" in
    Linux) os="linux" ;;
    Darwin) os="osx" ;;
    *) log "check.sh: unsupported OS $(uname -s); set BICEP_BIN to a Bicep CLI ${BICEP_VERSION} executable."; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch="x64" ;;
    aarch64 | arm64) arch="arm64" ;;
    *) log "check.sh: unsupported CPU $(uname -m); set BICEP_BIN to a Bicep CLI ${BICEP_VERSION} executable."; return 1 ;;
  esac
  printf '%s-%s' "${os}" "${arch}"
}

# Prints the path of a working Bicep CLI of the pinned version, installing it when missing.
ensure_bicep() {
  if [[ -n "${BICEP_BIN:-}" ]]; then
    [[ -x "${BICEP_BIN}" ]] || { log "check.sh: BICEP_BIN=${BICEP_BIN} is not executable."; return 1; }
    printf '%s' "${BICEP_BIN}"
    return 0
  fi

  local rid install_dir bicep
  rid="$(detect_rid)"
  install_dir="${repo_root}/.tools/bicep/${BICEP_VERSION}"
  bicep="${install_dir}/bicep"

  if [[ -x "${bicep}" ]] && "${bicep}" --version 2>/dev/null | grep -q "${BICEP_VERSION}"; then
    printf '%s' "${bicep}"
    return 0
  fi

  command -v dotnet >/dev/null 2>&1 || { log "check.sh: the .NET SDK (dotnet) is needed to fetch the Bicep CLI."; return 1; }

  local package="Azure.Bicep.CommandLine.${rid}"
  log "check.sh: installing Bicep CLI ${BICEP_VERSION} (${package}) into ${install_dir#"${repo_root}"/} ..."

  # A throwaway project outside the repo, so the repo's Directory.*.props (central package
  # management, warnings as errors) do not apply. PackageDownload fetches the package as-is.
  # ensure_bicep always runs in a command substitution (a subshell), so this EXIT trap only
  # cleans up the scratch directory.
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/bicep-install.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '${work}'" EXIT
  cat >"${work}/bicep-download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="${package}" Version="[${BICEP_VERSION}]" />
  </ItemGroup>
</Project>
EOF
  if ! DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    dotnet restore "${work}/bicep-download.csproj" --packages "${work}/packages" \
    -p:ImportDirectoryBuildProps=false -p:ImportDirectoryBuildTargets=false \
    -p:ImportDirectoryPackagesProps=false -nologo -v:quiet >"${work}/restore.log" 2>&1; then
    cat "${work}/restore.log" >&2
    log "check.sh: could not restore ${package} ${BICEP_VERSION}; set BICEP_BIN to an installed Bicep CLI to skip the download."
    return 1
  fi

  # NuGet's global-packages layout uses the lower-cased package id.
  local extracted
  extracted="${work}/packages/$(printf '%s' "${package}" | tr '[:upper:]' '[:lower:]')/${BICEP_VERSION}/tools/bicep"
  [[ -f "${extracted}" ]] || { log "check.sh: ${package} ${BICEP_VERSION} has no tools/bicep executable."; return 1; }

  mkdir -p "${install_dir}"
  # Copy then rename, so a concurrent run never sees a half-written executable.
  cp "${extracted}" "${bicep}.tmp.$$"
  chmod +x "${bicep}.tmp.$$"
  mv -f "${bicep}.tmp.$$" "${bicep}"

  "${bicep}" --version 2>/dev/null | grep -q "${BICEP_VERSION}" || { log "check.sh: ${bicep} does not run or is not version ${BICEP_VERSION}."; return 1; }
  printf '%s' "${bicep}"
}

if ! bicep="$(ensure_bicep)"; then
  printf 'infra check: FAILED - could not install or run Bicep CLI %s\n' "${BICEP_VERSION}"
  exit 1
fi

if [[ "${1:-}" == "--bicep-path" ]]; then
  printf '%s\n' "${bicep}"
  exit 0
fi

# Secret parameters in the .bicepparam files read these variables; keep them out of this check.
secret_env_vars=(
  INTEGRATION_CRM_WEBHOOK_SECRET
  INTEGRATION_APP_WEBHOOK_SECRET
  INTEGRATION_HR_WEBHOOK_SECRET
  INTEGRATION_SHIPBOB_WEBHOOK_SECRET
  INTEGRATION_SHIPSTATION_WEBHOOK_TOKEN
  INTEGRATION_HUBSPOT_ACCESS_TOKEN
  INTEGRATION_BAMBOOHR_API_KEY
  INTEGRATION_QUICKBOOKS_ACCESS_TOKEN
  INTEGRATION_XERO_ACCESS_TOKEN
  INTEGRATION_ALERTS_WEBHOOK_URL
  INTEGRATION_OPERATIONS_API_KEY
)
for var in "${secret_env_vars[@]}"; do unset "${var}"; done

failures=0
errors=0
warnings=0
infos=0
steps=()

# Runs one bicep command; prints its diagnostics; counts them; records failure.
run_step() {
  local label="$1"
  shift
  local output rc=0
  output="$(cd "${repo_root}" && "${bicep}" "$@" 2>&1 >/dev/null)" || rc=$?
  local e w i
  e=$(grep -cE '\) : Error ' <<<"${output}" || true)
  w=$(grep -cE '\) : Warning ' <<<"${output}" || true)
  i=$(grep -cE '\) : Info ' <<<"${output}" || true)
  errors=$((errors + e))
  warnings=$((warnings + w))
  infos=$((infos + i))
  if [[ -n "${output}" ]]; then
    printf '%s\n' "${output}"
  fi
  if ((rc != 0 || e > 0 || w > 0)); then
    failures=$((failures + 1))
    printf 'FAIL  %s (exit %d, %d error(s), %d warning(s))\n' "${label}" "${rc}" "${e}" "${w}"
  else
    printf 'ok    %s\n' "${label}"
  fi
  steps+=("${label}")
}

param_files=()
while IFS= read -r -d '' f; do param_files+=("${f#"${repo_root}"/}"); done \
  < <(find "${infra_dir}" -maxdepth 1 -name '*.bicepparam' -print0 | sort -z)

# Each bicep start costs about a second, so files are batched with --pattern where the CLI allows.
run_step "bicep build infra/main.bicep" build infra/main.bicep --stdout

if ((${#param_files[@]} == 0)); then
  printf 'FAIL  no *.bicepparam files found in infra/\n'
  failures=$((failures + 1))
else
  params_out="$(mktemp -d "${TMPDIR:-/tmp}/bicep-params.XXXXXX")"
  trap 'rm -rf "${params_out}"' EXIT
  run_step "bicep build-params ${param_files[*]}" build-params --pattern 'infra/*.bicepparam' --outdir "${params_out}"
  built=$(find "${params_out}" -name '*.json' | wc -l)
  if ((built != ${#param_files[@]})); then
    printf 'FAIL  build-params produced %d file(s) for %d parameter file(s)\n' "${built}" "${#param_files[@]}"
    failures=$((failures + 1))
  fi
fi

# Linting main.bicep covers the modules it references; the parameter files are linted as well.
run_step "bicep lint infra/main.bicep ${param_files[*]}" lint --pattern 'infra/*.bicep*'

if ((failures == 0)); then
  printf 'infra check: PASSED - Bicep %s, %d step(s), %d error(s), %d warning(s), %d info\n' \
    "${BICEP_VERSION}" "${#steps[@]}" "${errors}" "${warnings}" "${infos}"
  exit 0
fi
printf 'infra check: FAILED - Bicep %s, %d failure(s) in %d step(s), %d error(s), %d warning(s), %d info\n' \
  "${BICEP_VERSION}" "${failures}" "${#steps[@]}" "${errors}" "${warnings}" "${infos}"
exit 1
