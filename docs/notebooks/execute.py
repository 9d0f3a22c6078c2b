"""Runs the chapters' notebooks in a live Jupyter kernel; docs/notebooks/execute.sh calls it.

Each notebook docs/notebooks/NN-*.ipynb is read, run cell by cell in a fresh rapaio Java kernel
(io.github.padreati:rapaio-jupyter-kernel) that gets the built modules on its class path, and written,
run, to OUT (the committed notebook is never rewritten). The build fails, naming the notebook and the
cell, when a cell fails, or when it prints under Jupyter what the committed notebook does not show.
"""

import argparse
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

VECTOR = ["--add-modules", "jdk.incubator.vector"]
KERNEL_JAR = re.compile(r"rapaio-jupyter-kernel[^/\\]*\.jar$")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The rapaio kernel sometimes binds its sockets and then never answers, or exits (seen with rapaio
# 2.3.0 and 3.0.1, jupyter_client 7 and 8: about one start in five); a fresh start answers in 2 to 6 s.
STARTS = 6
STARTUP_SECONDS = 12


def say(message):
    print("[notebooks] " + message, flush=True)


def fail(message):
    say("FAILED: " + message)
    sys.exit(1)


class KernelDidNotStart(Exception):
    """The Java kernel never answered: the machine's Jupyter failed, not the notebook."""


class NotebookFailed(Exception):
    """A notebook that did not run through: the message names it, and the cell."""


def choose_kernel(requested, mode):
    """The kernelspec to start: the one named, else the installed rapaio kernel."""
    specs = KernelSpecManager().get_all_specs()
    if requested:
        if requested not in specs:
            fail("-Dnotebooks.kernel=%s, but jupyter kernelspec list has only: %s" % (requested, ", ".join(sorted(specs))))
        spec = specs[requested]["spec"]
        if not any(KERNEL_JAR.search(a) for a in spec.get("argv", [])):
            fail("kernel %s is not the rapaio Java kernel, the one whose class path the build knows how to set" % requested)
        return requested, spec
    for name, entry in sorted(specs.items()):
        spec = entry["spec"]
        if any(KERNEL_JAR.search(a) for a in spec.get("argv", [])):
            return name, spec
    why = "Jupyter has no rapaio Java kernel (its kernels: %s)" % (", ".join(sorted(specs)) or "none")
    if mode == "true":
        fail("-Dnotebooks.execute=true, but " + why)
    say("not executed: %s (docs/notebooks/README.md says how to install it; -Dnotebooks.execute=false silences this)" % why)
    sys.exit(0)


def build_kernelspec(name, spec, java, classpath, out):
    """A copy of the reader's kernelspec, under OUT, that runs on the build's JDK with the built modules.

    The rapaio kernel takes its class path (entries joined by ';') and JShell's options from its
    environment; the Vector API, an incubator module, must be named to both the JVM and JShell.
    """
    argv = list(spec["argv"])
    jar = next(i for i, a in enumerate(argv) if KERNEL_JAR.search(a))
    options = argv[1:jar - 1]  # the JVM's options, before "-jar"
    if not any("jdk.incubator.vector" in a for a in options):
        options += VECTOR
    argv = [java] + options + argv[jar - 1:]
    env = dict(spec.get("env", {}))
    env["RJK_CLASSPATH"] = ";".join(classpath)
    options = env.get("RJK_COMPILER_OPTIONS", "").split()
    env["RJK_COMPILER_OPTIONS"] = " ".join(options + ([] if "jdk.incubator.vector" in options else VECTOR))
    env["RJK_MIMA_CACHE"] = str(out / "mima_cache")  # the installer's default is relative to the working folder
    built = dict(spec, argv=argv, env=env, display_name="makemore (%s)" % name)
    folder = out / "jupyter" / "kernels" / "makemore-java"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(built, indent=1) + "\n", encoding="utf-8")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(out / "jupyter"), os.environ.get("JUPYTER_PATH")]))
    return "makemore-java"


def printed(cell):
    """What a code cell printed: its stream outputs, stdout and stderr, in order."""
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def first_line(source):
    lines = [l for l in source.strip().splitlines() if l.strip() and not l.strip().startswith("//")]
    return (lines or [source.strip()[:80]])[0]


def where(cell, index, cells):
    return "cell In [%s] (cell %d of %d), which starts: %s" % (
        cell.get("execution_count"), index + 1, len(cells), first_line(cell.source))


def start(client, label, log):
    """Starts the notebook's kernel, its own output into log, again when it does not answer (see STARTS)."""
    for attempt in range(1, STARTS + 1):
        try:
            client.km = client.create_kernel_manager()
            client.start_new_kernel(cwd=str(ROOT), stdout=log, stderr=log)
            client.start_new_kernel_client()
            return
        except RuntimeError as e:
            if not ("didn't respond" in str(e) or "died before replying" in str(e)):
                raise NotebookFailed("%s: the kernel did not start (%s); its log: %s" % (label, e, log.name))
            if attempt == STARTS:
                raise KernelDidNotStart("%s: the kernel did not answer after %d starts (%s); its log: %s"
                                        % (label, attempt, e, log.name))
            say("%s: the kernel did not answer (%s); starting it again (%d of %d)" % (label, e, attempt + 1, STARTS))


def run(path, kernel, out, cell_timeout):
    """Runs one notebook; returns the number of code cells and the seconds it took, or raises NotebookFailed."""
    began = time.monotonic()
    committed = nbformat.read(str(path), as_version=4)
    nb = nbformat.read(str(path), as_version=4)
    label = path.name
    # shutdown_kernel="immediate": the kernel keeps nothing worth a graceful stop, which it takes 5 s to refuse.
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, startup_timeout=STARTUP_SECONDS,
                            allow_errors=False, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(ROOT)}})
    target = out / path.name
    log = open(out / (path.stem + ".kernel.log"), "w", encoding="utf-8")
    start(client, label, log)
    count = 0
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except CellExecutionError:
                error = next((o for o in cell.outputs if o.get("output_type") == "error"), {})
                trace = ANSI.sub("", "\n".join(error.get("traceback", [])) or "%s: %s" % (error.get("ename"), error.get("evalue")))
                nbformat.write(nb, str(target))
                say("FAILED: %s, %s" % (label, where(cell, index, nb.cells)))
                for line in trace.strip().splitlines()[:20]:
                    say("    " + line)
                raise NotebookFailed("%s: the run notebook, with the error under that cell: %s" % (label, target))
            except (CellTimeoutError, DeadKernelError) as e:
                nbformat.write(nb, str(target))
                raise NotebookFailed("%s, %s: %s" % (label, where(cell, index, nb.cells), str(e).strip().splitlines()[0]))
            count += 1
            expected = printed(committed.cells[index])
            actual = printed(cell)
            if actual != expected:
                nbformat.write(nb, str(target))
                ours = actual.splitlines()
                theirs = expected.splitlines()
                line = next((i for i in range(max(len(ours), len(theirs)))
                             if i >= len(ours) or i >= len(theirs) or ours[i] != theirs[i]), 0)
                say("FAILED: %s, %s: prints under Jupyter what the committed notebook does not show" % (label, where(cell, index, nb.cells)))
                say("    line %d, committed: %s" % (line + 1, theirs[line] if line < len(theirs) else "(no more lines)"))
                say("    line %d, Jupyter:   %s" % (line + 1, ours[line] if line < len(ours) else "(no more lines)"))
                raise NotebookFailed("%s: the run notebook: %s" % (label, target))
    finally:
        client._cleanup_kernel()
        log.close()
    nbformat.write(nb, str(target))
    return count, time.monotonic() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", default="auto")
    parser.add_argument("--java", required=True)
    parser.add_argument("--classpath-file", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--kernel")
    parser.add_argument("--cell-timeout", type=int, default=600)
    parser.add_argument("--parallel", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("notebooks")
    args = parser.parse_args()

    folder = Path(args.notebooks).resolve()
    global ROOT
    ROOT = folder.parent.parent
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    classpath_file = Path(args.classpath_file)
    if not classpath_file.is_file():
        fail("no %s: the build writes it (maven-dependency-plugin, execution jshell-classpath)" % classpath_file)
    classpath = [e for e in classpath_file.read_text(encoding="utf-8").strip().split(os.pathsep) if e]

    name, spec = choose_kernel(args.kernel, args.mode)
    kernel = build_kernelspec(name, spec, args.java, classpath, out)
    notebooks = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
    if not notebooks:
        fail("no notebooks NN-*.ipynb in %s" % folder)
    say("running %d notebooks, %d at a time, in Jupyter kernel %s on %s, into %s"
        % (len(notebooks), args.parallel, name, args.java, out))
    began = time.monotonic()
    failed, unstarted = [], []
    # Each notebook in its own kernel, as a reader runs it; two kernels at once keep both cores busy
    # (a kernel mostly computes on one) and overlap their start-ups.
    with ProcessPoolExecutor(max_workers=max(1, args.parallel)) as pool:
        runs = {pool.submit(run, path, kernel, out, args.cell_timeout): path for path in notebooks}
        for done in as_completed(runs):
            path = runs[done]
            try:
                cells, seconds = done.result()
                say("%s: %d code cells ran and printed what the notebook shows, in %.1f s" % (path.name, cells, seconds))
            except NotebookFailed as e:
                say("FAILED: %s" % e)
                failed.append(path.name)
            except KernelDidNotStart as e:
                # The rapaio kernel sometimes opens its sockets and never answers (its bug, see the README).
                # That says nothing about the notebook: with --mode auto it is reported, not failed.
                say(("FAILED: %s" if args.mode == "true" else "NOT EXECUTED: %s") % e)
                (failed if args.mode == "true" else unstarted).append(path.name)
    if failed:
        fail("%d of %d notebooks did not run through in Jupyter: %s (see above)" % (len(failed), len(notebooks), ", ".join(sorted(failed))))
    if unstarted:
        say("WARNING: %d of %d notebooks not executed, their kernel never answered: %s; the others ran in %.1f s"
            % (len(unstarted), len(notebooks), ", ".join(sorted(unstarted)), time.monotonic() - began))
        return
    say("all %d notebooks ran in Jupyter in %.1f s" % (len(notebooks), time.monotonic() - began))


ROOT = None

if __name__ == "__main__":
    main()
