#!/usr/bin/env bash
# Make this box start a Dorak screen at every login (run it as the user the screen runs as):
#
#   scripts/install-screen.sh URL NAME [--systemd]
#
# Default: an autostart desktop entry (~/.config/autostart/dorak-screen-NAME.desktop), started
# by the desktop session. --systemd: a systemd user unit instead (dorak-screen-NAME.service,
# restarted if the browser dies), enabled with `systemctl --user enable --now`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
if [ $# -lt 2 ]; then sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
url=$1 name=$2 how=${3:-}
slug=$(printf '%s' "$name" | tr -c 'A-Za-z0-9_-' '_')
launcher="$here/screen-launcher.sh"
config=${XDG_CONFIG_HOME:-$HOME/.config}
fill() {
  sed -e "s|@LAUNCHER@|$launcher|g" -e "s|@URL@|$url|g" -e "s|@NAME@|$name|g" "$1"
}
if [ "$how" = "--systemd" ]; then
  mkdir -p "$config/systemd/user"
  unit="$config/systemd/user/dorak-screen-$slug.service"
  fill "$root/deploy/screen/dorak-screen.service" > "$unit"
  echo "written $unit"
  if command -v systemctl >/dev/null && systemctl --user show-environment >/dev/null 2>&1; then
    systemctl --user daemon-reload
    systemctl --user enable --now "dorak-screen-$slug.service"
  else
    echo "enable it in the screen's session: systemctl --user enable --now dorak-screen-$slug.service"
  fi
else
  mkdir -p "$config/autostart"
  entry="$config/autostart/dorak-screen-$slug.desktop"
  fill "$root/deploy/screen/dorak-screen.desktop" > "$entry"
  echo "written $entry"
fi
