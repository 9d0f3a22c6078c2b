#!/bin/sh
# docs/notebooks/execute.sh: runs every chapter notebook docs/notebooks/NN-*.ipynb in a live Jupyter
# kernel, the way a reader runs it, and fails naming the notebook and the cell that failed. The build
# (./mvnw verify, the docs module's integration-test phase) calls it; see README.md, "The build runs them".
#
# Where Jupyter or its Java kernel is missing, it says so in one line and succeeds (unless told to
# insist): the notebooks' outputs are still checked on every build, by JShellScriptsTest, without Jupyter.
#
#   docs/notebooks/execute.sh MODE JAVA CLASSPATH_FILE OUT_DIR SKIP_DATA PARALLEL [KERNEL]
#
#   MODE            auto (run where Jupyter and the kernel are installed), true (insist: fail where
#                   they are not), false (do not run): -Dnotebooks.execute
#   JAVA            the java the kernel runs on (the build passes the JDK it runs on)
#   CLASSPATH_FILE  the built modules' class path (docs/target/classpath.txt)
#   OUT_DIR         where the executed notebooks go (docs/target/notebooks); the committed ones are
#                   only read
#   SKIP_DATA       true: do not run (-Dmakemore.skipDataTests=true: the notebooks train on names.txt)
#   PARALLEL        how many notebooks run at once, each in its own kernel
#   KERNEL          a kernel name from `jupyter kernelspec list` (default: the installed rapaio kernel)
set -eu

say() { echo "[notebooks] $*"; }

[ $# -ge 6 ] || { echo "usage: docs/notebooks/execute.sh MODE JAVA CLASSPATH_FILE OUT_DIR SKIP_DATA PARALLEL [KERNEL]" >&2; exit 2; }
mode=$1
case "$mode" in
    auto | true) ;;
    false) say "not executed: -Dnotebooks.execute=false"; exit 0 ;;
    *) echo "execute.sh: MODE is auto, true or false (-Dnotebooks.execute), not '$mode'" >&2; exit 2 ;;
esac
if [ "$5" = true ]; then
    say "not executed: -Dmakemore.skipDataTests=true, and the notebooks train on names.txt"
    exit 0
fi

# Says why the notebooks cannot run here: one line and success (auto), or failure (true).
missing() {
    if [ "$mode" = true ]; then
        say "FAILED: -Dnotebooks.execute=true, but $1"
        exit 1
    fi
    say "not executed: $1 (docs/notebooks/README.md says how to install them; -Dnotebooks.execute=false silences this)"
    exit 0
}

jupyter=$(command -v jupyter || true)
[ -n "$jupyter" ] || missing "no jupyter on the PATH"

# The Python that runs jupyter (its #! line) has nbclient when Jupyter was installed whole; python3 on
# the PATH may be another one (a pyenv or a venv without Jupyter).
python=""
first=$(head -n 1 "$jupyter" 2>/dev/null || true)
case "$first" in
    '#!'*) python=${first#??} ;;
esac
# shellcheck disable=SC2086 # the #! line may be "/usr/bin/env python3": two words on purpose
if [ -z "$python" ] || ! $python -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; then
    python=python3
    python3 -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null \
        || missing "$jupyter has no nbclient beside it (pip install nbclient, or apt-get install python3-nbclient)"
fi

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
# shellcheck disable=SC2086
exec $python "$here/execute.py" --mode "$mode" --java "$2" --classpath-file "$3" --out "$4" --parallel "$6" ${7:+--kernel "$7"} "$here"
