#!/usr/bin/env bash
# Runs every Suivi test; CI calls it through .ci/run on a fresh Debian 12 machine.
#
#   1. system packages (PostgreSQL, Chromium, fonts, poppler, Node.js and npm): installed via apt when root
#   2. dotnet restore, dotnet build (Release)           - a failed build stops everything
#   3. dotnet format --verify-no-changes                - counts as one test
#   4. tests/Suivi.Tests on SQLite, then on PostgreSQL   - a throwaway cluster, see tests/postgres.sh
#   5. tests/Suivi.BrowserTests (headless Chromium)
#
# Every step runs even if an earlier test step failed. Results are counted from the TRX files in
# artifacts/test-results/<step>/. The last line of output is always "N passed, N failed",
# and the exit code is 0 only when nothing failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD

# shellcheck source=tests/postgres.sh
source "$ROOT/tests/postgres.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SUIVI_CHROMIUM=${SUIVI_CHROMIUM:-/usr/bin/chromium}

SOLUTION=Suivi.slnx
CONFIG=Release
RESULTS=$ROOT/artifacts/test-results

passed=0
failed=0
summary_printed=

step() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }

# Something that stops the run (missing tool, failed build, ...): say why; finish() counts it as a failure.
abort() {
    echo "error: $*" >&2
    exit 1
}

# On any exit (normal, abort, unexpected error, Ctrl-C): throw the cluster away, and make sure the
# last line is the count. A run cut short counts one extra failure so it can never look green.
finish() {
    local rc=$?
    trap - EXIT INT TERM
    pg_stop >/dev/null 2>&1 || true
    if [[ -z $summary_printed ]]; then
        ((rc != 0)) || rc=1
        echo "$passed passed, $((failed + 1)) failed"
    fi
    exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. system packages -------------------------------------------------------------------------
# Each check is a file test, so a second run never touches apt.
ensure_system_packages() {
    local missing=()
    pg_find_bin || missing+=(postgresql)
    [[ -x $SUIVI_CHROMIUM ]] || missing+=(chromium)
    [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    # The build installs the pages' front-end libraries from npm (src/Suivi.Web/package-lock.json).
    command -v npm >/dev/null || missing+=(nodejs npm)
    ((${#missing[@]} > 0)) || return 0

    if [[ $EUID -ne 0 ]]; then
        echo "error: missing system packages: ${missing[*]}" >&2
        echo "       install them with:  sudo apt-get install ${missing[*]}" >&2
        echo "       (or run this script as root, which installs them)" >&2
        exit 1
    fi

    step "apt-get install ${missing[*]}"
    local log
    log=$(mktemp)
    # apt is verbose: keep its output in a file and show it only if something goes wrong.
    # (A subshell, not { }, so a Ctrl-C trap does not run with the redirection active.)
    if ! (
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q &&
            apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}"
    ) </dev/null >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        rm -f "$log"
        abort "apt-get install ${missing[*]} failed"
    fi
    rm -f "$log"
    pg_find_bin || abort "postgresql installed but no initdb found in /usr/lib/postgresql/*/bin"
    [[ -x $SUIVI_CHROMIUM ]] || abort "chromium installed but $SUIVI_CHROMIUM is not there"
    note "installed"
}

ensure_system_packages
# dotnet does not come from Debian's apt: it has to be on the machine already.
command -v dotnet >/dev/null || abort "dotnet not found: install the .NET SDK named in global.json (https://dot.net)"

# --- 2. restore + build -------------------------------------------------------------------------
# One restore for everything; every later command runs with --no-restore / --no-build.
restore_args=()
[[ ${CI:-} == true ]] && restore_args+=(--locked-mode) # lock files must be committed and current
step "dotnet restore $SOLUTION ${restore_args[*]}"
dotnet restore "$SOLUTION" "${restore_args[@]}" || abort "restore failed"

step "dotnet build $SOLUTION -c $CONFIG"
dotnet build "$SOLUTION" --no-restore -c "$CONFIG" -v minimal || abort "build failed"

# --- 3. format ----------------------------------------------------------------------------------
step "dotnet format --verify-no-changes"
if dotnet format "$SOLUTION" --verify-no-changes --no-restore; then
    passed=$((passed + 1))
    note "format: ok"
else
    failed=$((failed + 1))
    note "format: FAILED (run 'dotnet format $SOLUTION' to fix)"
fi

# --- 4/5. tests ---------------------------------------------------------------------------------

# Reads the <Counters .../> element of every TRX file under <dir> and adds it to the totals.
# Errors, timeouts, aborts and disconnects count as failures; skipped tests (total - executed)
# count as neither.
# A step without any TRX file, or whose exit code says it failed while its TRX file shows no
# failure (test host crash, ...), counts one failure.
count_trx() { # <label> <dir> <dotnet test exit code>
    local label=$1 dir=$2 rc=$3 file counters name value
    local total=0 ok=0 ko=0 skipped=0 files=()
    mapfile -t files < <(find "$dir" -type f -name '*.trx' 2>/dev/null | sort)
    if ((${#files[@]} == 0)); then
        failed=$((failed + 1))
        note "$label: FAILED (exit code $rc, no TRX file: did not build, or crashed)"
        return
    fi
    for file in "${files[@]}"; do
        counters=$(tr '\n' ' ' <"$file" | grep -o '<Counters [^>]*>' | head -n 1) || counters=
        if [[ -z $counters ]]; then
            ko=$((ko + 1))
            note "$label: no <Counters> in $file"
            continue
        fi
        declare -A c=([total]=0 [executed]=0 [passed]=0 [failed]=0 [error]=0 [timeout]=0 [aborted]=0 [disconnected]=0)
        for name in "${!c[@]}"; do
            value=$(sed -n "s/.*[[:space:]]$name=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
            c[$name]=${value:-0}
        done
        total=$((total + c[total]))
        ok=$((ok + c[passed]))
        ko=$((ko + c[failed] + c[error] + c[timeout] + c[aborted] + c[disconnected]))
        skipped=$((skipped + c[total] - c[executed]))
        unset c
    done
    if ((rc != 0 && ko == 0)); then
        ko=1
        note "$label: exit code $rc although the TRX file shows no failed test: counted as 1 failure"
    fi
    passed=$((passed + ok))
    failed=$((failed + ko))
    note "$label: $ok ok, $ko FAILED, $skipped skipped (of $total) - ${dir#"$ROOT"/}"
}

# Runs `dotnet test` on the (already built) project and counts its results.
run_tests() { # <label> <project dir> [VAR=value...]
    local label=$1 project=$2
    shift 2
    local dir=$RESULTS/$label rc=0 start=$SECONDS
    step "tests: $label ($project${*:+, $*})"
    rm -rf "$dir" # stale results from an earlier run must not be counted
    if [[ ! -d $project ]]; then
        failed=$((failed + 1))
        note "$label: FAILED ($project does not exist)"
        return
    fi
    # --no-build below: a project missing from the solution was never built.
    grep -q "Path=\"$project/" "$SOLUTION" ||
        note "warning: $project is not in $SOLUTION, so it was not built: add it there"
    # Default console verbosity: failing tests and a one-line summary.
    env "$@" dotnet test "$project" --no-build -c "$CONFIG" \
        --logger "trx;LogFileName=results.trx" --results-directory "$dir" || rc=$?
    count_trx "$label" "$dir" "$rc"
    note "($((SECONDS - start))s)"
}

step "PostgreSQL (throwaway cluster)"
pg_start || abort "could not start PostgreSQL"
note "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"

run_tests sqlite tests/Suivi.Tests SUIVI_TEST_DB=sqlite
run_tests postgres tests/Suivi.Tests SUIVI_TEST_DB=postgres
if [[ -d tests/Suivi.BrowserTests ]]; then
    run_tests browser tests/Suivi.BrowserTests
fi

pg_stop

# --- summary: must stay the very last line ------------------------------------------------------
summary_printed=1
echo
echo "$passed passed, $failed failed"
((failed == 0)) || exit 1
