#!/bin/sh
# docs/jshell/run.sh NN: opens the type-along script docs/jshell/NN-*.jsh of chapter NN in jshell,
# against the project's modules; jshell stays open afterwards with the script's variables defined
# (/exit leaves; run it with </dev/null to leave at once).
#
#   docs/jshell/run.sh 01          chapter 1, the loss at initialisation
#   docs/jshell/run.sh             lists the scripts
#
# Builds the modules first (./mvnw package -pl docs -am, which also writes docs/target/classpath.txt)
# when that file is missing or older than a pom.xml or a src/main file of the modules.
#
# Environment:
#   JAVA_HOME       the JDK (17 or newer) whose jshell to use; else jshell on the PATH
#   MAKEMORE_DATA   names.txt (else the cached copy, else one download, as ./makemore does)
#   DOCS_TARGET     the build folder name (default target, the build's makemore.target property)
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
here="$root/docs/jshell"
target="${DOCS_TARGET:-target}"
classpath="$root/docs/$target/classpath.txt"

if [ $# -eq 0 ]; then
    echo "usage: docs/jshell/run.sh NN   (one of:)" >&2
    for s in "$here"/[0-9][0-9]-*.jsh; do echo "  $(basename "$s")" >&2; done
    exit 2
fi

script=""
for s in "$here"/"$1"*.jsh; do
    if [ -f "$s" ]; then script="$s"; break; fi
done
if [ -z "$script" ]; then
    echo "run.sh: no script docs/jshell/$1*.jsh" >&2
    exit 2
fi

if [ -n "${JAVA_HOME:-}" ]; then
    jshell="$JAVA_HOME/bin/jshell"
else
    jshell=$(command -v jshell || true)
fi
if [ -z "$jshell" ] || [ ! -x "$jshell" ]; then
    echo "run.sh: no jshell found${JAVA_HOME:+ in JAVA_HOME=$JAVA_HOME}: install a JDK 17 or newer, or set JAVA_HOME" >&2
    exit 1
fi

stale() {
    [ -f "$classpath" ] || return 0
    set -- "$root/pom.xml" "$root/docs/pom.xml"
    for m in core autograd layers diagnostics training; do
        set -- "$@" "$root/$m/pom.xml" "$root/$m/src/main"
    done
    [ -n "$(find "$@" -newer "$classpath" -print 2>/dev/null | head -n 1)" ]
}

if stale; then
    echo "run.sh: building the modules (./mvnw package -pl docs -am) ..." >&2
    (cd "$root" && ./mvnw -q -B -DskipTests -Djacoco.skip=true "-Dmakemore.target=$target" package -pl docs -am) 1>&2
    touch "$classpath"
fi

exec "$jshell" --add-modules jdk.incubator.vector --class-path "$(cat "$classpath")" "$script"
