# Sourced by .ci/run: a real PostgreSQL for the cluster tests (docs/cluster.md), the same database a
# user's cluster journals to. Installs Debian's `postgresql` package when its server is missing,
# starts the distribution's cluster, creates the user and database `dnt_test` with a fresh random
# password, and exports for the tests:
#   DNT_TEST_PG_URL            jdbc:postgresql://127.0.0.1:PORT/dnt_test
#   DNT_TEST_PG_USER           dnt_test
#   DNT_TEST_PG_PASSWORD_FILE  a file (mode 600) whose first line is the password
# Any step that fails leaves them unset with a warning: the tests that need PostgreSQL then skip,
# saying why. Run it alone with `. .ci/postgres.sh` to set up a development machine the same way.

dnt_pg_setup() {
  local as_root=""
  if [ "$(id -u)" != 0 ]; then
    as_root="sudo"
  fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "installing postgresql (Debian package) for the cluster tests" >&2
    $as_root apt-get update && $as_root apt-get install -y postgresql || return 1
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
    $as_root pg_createcluster "$version" main || return 1
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    $as_root pg_ctlcluster "$version" main start || return 1
  fi
  local port
  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
  local dir="${DNT_TEST_PG_DIR:-${TMPDIR:-/tmp}/dnt-test-pg}"
  mkdir -p "$dir" && chmod 700 "$dir" || return 1
  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  (umask 077 && printf '%s\n' "$password" > "$dir/password") || return 1
  local psql="$as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p $port"
  if [ "$(id -u)" != 0 ]; then
    psql="sudo -u postgres psql -q -v ON_ERROR_STOP=1 -p $port"
  fi
  $psql -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dnt_test') THEN
        CREATE ROLE dnt_test LOGIN;
      END IF;
    END \$\$;" >/dev/null || return 1
  $psql -c "ALTER ROLE dnt_test PASSWORD '$password'" >/dev/null || return 1
  if ! $psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'dnt_test'" | grep -q 1; then
    $psql -c "CREATE DATABASE dnt_test OWNER dnt_test" >/dev/null || return 1
  fi
  export DNT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/dnt_test"
  export DNT_TEST_PG_USER="dnt_test"
  export DNT_TEST_PG_PASSWORD_FILE="$dir/password"
  echo "PostgreSQL $version for the cluster tests: $DNT_TEST_PG_URL as $DNT_TEST_PG_USER" >&2
}

if ! dnt_pg_setup; then
  unset DNT_TEST_PG_URL DNT_TEST_PG_USER DNT_TEST_PG_PASSWORD_FILE
  echo "warning: no PostgreSQL; the tests that need one will be skipped" >&2
fi
