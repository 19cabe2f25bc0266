#!/usr/bin/env bash
# Start a Dorak screen full-screen in Chromium, allowed to play sound with no tap (a lobby TV has
# no touch screen): the lobby display, a kiosk, or the screen above a window.
#
#   scripts/screen-launcher.sh URL [NAME]
#     URL   http://BOX:8000/display, http://BOX:8000/kiosk, http://BOX:8000/display/window/3
#     NAME  how supervisors' alerts name this screen ("Hall TV 1"); default: the host name
#   scripts/screen-launcher.sh --print-flags    the Chromium flags, one a line
#
# CHROMIUM=/path/to/browser overrides the browser (default: Debian's chromium).
set -euo pipefail

FLAGS=(
  --kiosk                                       # full screen, no address bar, no way out by mouse
  --autoplay-policy=no-user-gesture-required    # spoken calls play with nobody touching the TV
  --noerrdialogs
  --disable-infobars
  --disable-session-crashed-bubble              # a power cut does not leave a "restore?" bubble
  --disable-features=Translate
  --no-first-run
  --check-for-update-interval=31536000
  --overscroll-history-navigation=0
)

if [ "${1:-}" = "--print-flags" ]; then
  printf '%s\n' "${FLAGS[@]}"
  exit 0
fi
if [ $# -lt 1 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
url=$1
name=${2:-$(hostname)}
case "$url" in
  */display|*/display\?*)  # the lobby screen names itself in supervisors' alerts
    sep='?'; case "$url" in *\?*) sep='&';; esac
    url="$url${sep}screen=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$name")"
    ;;
esac
profile="${XDG_CONFIG_HOME:-$HOME/.config}/dorak-screen/$(printf '%s' "$name" | tr -c 'A-Za-z0-9_-' '_')"
mkdir -p "$profile"
exec "${CHROMIUM:-chromium}" "${FLAGS[@]}" --user-data-dir="$profile" "$url"
