#!/bin/sh
# config-unsearchable-home.sh - an ar.ini looked for, not named, that sits
# behind a directory the user may not search (another user's $HOME, as
# under sudo or in a cron job) is missing, not an error (issue 11): the
# run goes on with the defaults.  A file named by --config or $AR_CONFIG
# behind the same directory is still an error, exit 66.
#
# Root may search any directory, so as root the commands run as nobody
# (setpriv), from a copy in a directory nobody can reach.
set -eu
dir=$(mktemp -d)
trap 'chmod -R u+rwx "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
chmod 755 "$dir"
mkdir -p "$dir/home/.config/artools"
printf '[aging]\nbuckets = 7\n' >"$dir/home/.config/artools/ar.ini"
printf 'customer,doc_no,doc_type,doc_date,due_date,currency,amount\nC1,A1,INV,2026-10-01,2026-10-31,MYR,10.00\n' >"$dir/items.csv"
cp "$(command -v ar-age)" "$dir/ar-age"
chmod 755 "$dir/ar-age"
chmod 644 "$dir/items.csv"
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null || { echo "setpriv missing: cannot run as another user"; exit 77; }
	chmod 700 "$dir/home"          # root's, so nobody cannot search it
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	chmod 000 "$dir/home"
	as_user() { "$@"; }
fi
cd "$dir"
out=$(as_user env -u AR_CONFIG -u XDG_CONFIG_HOME HOME="$dir/home" ./ar-age --as-of 2026-11-24 items.csv 2>err) || {
	echo "looked-for config behind an unsearchable directory: exit $?"; cat err; exit 1; }
[ ! -s err ] || { echo "unexpected stderr:"; cat err; exit 1; }
case $out in
*"C1,,MYR,0.00,10.00,"*) ;;
*) echo "unexpected output: $out"; exit 1 ;;
esac
status=0
as_user env -u XDG_CONFIG_HOME HOME=/nonexistent AR_CONFIG="$dir/home/.config/artools/ar.ini" \
    ./ar-age --as-of 2026-11-24 items.csv >/dev/null 2>err || status=$?
[ "$status" -eq 66 ] || { echo "\$AR_CONFIG behind an unsearchable directory: exit $status, expected 66"; cat err; exit 1; }
grep -q "Permission denied" err || { echo "no reason given:"; cat err; exit 1; }
echo "ok: unsearchable \$HOME is no config; \$AR_CONFIG there exits 66"
