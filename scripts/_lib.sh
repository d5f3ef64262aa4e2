# Shared helpers for the scripts in this folder; sourced, never run.
# Everything downloaded or generated for local services lives outside the repo, in one cache.
# As root the services run as an unprivileged user, who cannot enter /root: use /var/cache then.
if [ "$(id -u)" = 0 ]; then default_cache=/var/cache/dnhub; else default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/dnhub"; fi
DNHUB_CACHE="${DNHUB_CACHE:-$default_cache}"
mkdir -p "$DNHUB_CACHE"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Services refuse to run as root (Elasticsearch, PostgreSQL's initdb): run them as this user.
SERVICE_USER="${SERVICE_USER:-dnhub}"
ensure_service_user() {
  [ "$(id -u)" = 0 ] || return 0
  id "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}
as_service_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$SERVICE_USER" -- "$@"; else "$@"; fi
}
# Wait until a command succeeds, up to $1 seconds.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
}
