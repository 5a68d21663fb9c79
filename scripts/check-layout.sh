#!/usr/bin/env bash
# The rules of the house's layout (README "Layout", DESIGN.md "Shape"), checked on every test run:
#   core/ includes nothing from ui/ and no widget header;
#   ui/common/ depends on core only; ui/workspace/ on core and ui/common/;
#   a room's folder (ui/inspector, ui/builder, ui/deps, ui/run, ui/learn, ui/compare) never includes another room's files;
#   only ui/window/ knows the rooms.
# Each quoted include is resolved the way the compiler does (the including file's folder, then core/, then ui/).
set -uo pipefail
root="${1:-$(dirname "$0")/..}"
cd "$root" || exit 2
rooms=(inspector builder deps run learn compare)
failures=0

# Prints where a quoted include of $1 (a file) resolves: core/..., ui/..., or the include itself when not found.
resolve() {
    local from="$1" inc="$2"
    for base in "$(dirname "$from")" core ui; do
        if [ -f "$base/$inc" ]; then
            realpath --relative-to=. "$base/$inc"
            return
        fi
    done
    echo "$inc"
}

fail() {
    echo "layout: $1" >&2
    failures=$((failures + 1))
}

while IFS= read -r file; do
    while IFS= read -r inc; do
        target=$(resolve "$file" "$inc")
        case "$file" in
        core/*)
            [[ "$target" == ui/* ]] && fail "$file includes $target: core never includes ui/" ;;
        ui/common/*)
            [[ "$target" == ui/* && "$target" != ui/common/* ]] && fail "$file includes $target: ui/common depends on core only" ;;
        ui/workspace/*)
            [[ "$target" == ui/* && "$target" != ui/common/* && "$target" != ui/workspace/* ]] &&
                fail "$file includes $target: ui/workspace depends on core and ui/common only" ;;
        ui/window/*) ;;
        ui/*)
            room=$(echo "$file" | cut -d/ -f2)
            for other in "${rooms[@]}"; do
                [ "$other" = "$room" ] && continue
                [[ "$target" == ui/$other/* ]] && fail "$file includes $target: a room never includes another room's files"
            done
            [[ "$target" == ui/window/* ]] && fail "$file includes $target: only the window knows the rooms" ;;
        esac
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
    if [[ "$file" == core/* ]] && grep -qE '^#include <Q(Widget|Dialog|MainWindow|Abstract(Button|ItemView)|Label|Action)>' "$file"; then
        fail "$file includes a widget header: core is Qt Core only"
    fi
done < <(find core ui -name '*.h' -o -name '*.cpp' | sort)

if [ "$failures" -gt 0 ]; then
    echo "layout: $failures rule(s) broken" >&2
    exit 1
fi
echo "layout: every include in core/ and ui/ follows the rules"
