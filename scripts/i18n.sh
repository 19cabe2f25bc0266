#!/usr/bin/env bash
# Update the catalogs after changing texts: extract, merge into ar/en .po, compile.
# (make setup only compiles; translators edit dorak/translations/ar/LC_MESSAGES/messages.po)
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k pgettext:1c,2 -o dorak/translations/messages.pot .
for lang in ar en; do
  if [ -f "dorak/translations/$lang/LC_MESSAGES/messages.po" ]; then
    .venv/bin/pybabel update -N -i dorak/translations/messages.pot -d dorak/translations -l "$lang"
  else
    .venv/bin/pybabel init -i dorak/translations/messages.pot -d dorak/translations -l "$lang"
  fi
done
.venv/bin/pybabel compile -d dorak/translations
