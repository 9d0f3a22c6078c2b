package dev.makemore.training.cli;

import dev.makemore.nn.ModelFileException;
import dev.makemore.training.DivergenceException;
import dev.makemore.training.data.DataException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code makemore} command line: {@code train}, {@code sample}, {@code lecture} and
 * {@code diagnose}.
 *
 * <p>Exit status: {@value #OK} on success; {@value #FAILED} when training diverged (the loss became
 * NaN or infinite) or on an unexpected error; {@value #USAGE} for bad input: an unknown option or
 * stage, a number out of range, an unreadable or malformed names file or model file. Every failure
 * prints one line on stderr, {@code makemore: <what is wrong>}, and a stack trace only with
 * {@code --debug}.
 *
 * <p>The command logic never calls {@link System#exit}: {@code execute(args)} on the
 * {@link #commandLine(Cli) command line} returns the status, so tests run commands in-process with captured streams, and only {@link #main} exits.
 */
@Command(name = "makemore", mixinStandardHelpOptions = true, versionProvider = Makemore.Version.class,
        description = {
            "Karpathy's \"makemore part 3\" in Java: a character-level MLP on 32,033 names, with the"
                    + " lecture's initialisation fixes, Kaiming init and BatchNorm, reproducing its numbers."},
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Exit status: 0 ok, 1 training diverged (or an internal error), 2 bad arguments or input,",
            "130 interrupted (Ctrl-C).",
            "Run 'makemore COMMAND --help' for a command's options."})
public final class Makemore implements Callable<Integer> {
    /** Exit status of a successful run. */
    public static final int OK = 0;
    /** Exit status when training diverged, or on an unexpected error. */
    public static final int FAILED = 1;
    /** Exit status for bad arguments or bad input files. */
    public static final int USAGE = 2;
    /** Exit status after Ctrl-C: 128 + SIGINT, as the shell and the JVM report it. */
    public static final int INTERRUPTED = 130;

    @Spec
    private CommandSpec spec;

    private final Cli cli;

    private Makemore(Cli cli) {
        this.cli = cli;
    }

    /** What the subcommands run against (they reach it as their parent command's). */
    Cli cli() {
        return cli;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            // The diagnostics draw their charts off screen.
            System.setProperty("java.awt.headless", "true");
        }
        int status = commandLine(Cli.system()).execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * The command line writing to {@code out} and {@code err}, with the stages, data source and
     * terminal detection of {@code cli}; {@code execute(args)} on it returns the exit status.
     */
    public static CommandLine commandLine(Cli cli) {
        var cl = new CommandLine(new Makemore(cli));
        cl.addSubcommand(new TrainCommand());
        cl.addSubcommand(new SampleCommand());
        cl.addSubcommand(new LectureCommand());
        cl.addSubcommand(new DiagnoseCommand());
        cl.addSubcommand(new BenchCommand());
        HelpFormat.apply(cl);
        cl.setOut(writer(cli.out()));
        cl.setErr(writer(cli.err()));
        cl.setParameterExceptionHandler(Makemore::parameterError);
        cl.setExecutionExceptionHandler(Makemore::executionError);
        return cl;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true);
    }

    /** {@code makemore} without a command. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of "
                + String.join(", ", spec.subcommands().keySet()) + " (see 'makemore --help')");
    }

    /** Bad arguments: one line naming the problem, exit status 2. */
    private static int parameterError(ParameterException ex, String[] args) {
        var cl = ex.getCommandLine();
        var err = cl.getErr();
        String hint = "";
        if (ex instanceof CommandLine.UnmatchedArgumentException
                || ex instanceof CommandLine.MissingParameterException
                || ex instanceof CommandLine.OverwrittenOptionException) {
            hint = " (see '" + cl.getCommandSpec().qualifiedName() + " --help')";
        }
        err.println("makemore: " + oneLine(ex.getMessage()) + hint);
        if (Arrays.asList(args).contains("--debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    /**
     * Failures while running a command: bad input files (exit 2), divergence (exit 1), anything else
     * (exit 1, "internal error"). One line unless the command was given {@code --debug}.
     */
    private static int executionError(Exception ex, CommandLine cl, ParseResult parseResult) {
        var err = cl.getErr();
        int status;
        String message;
        if (ex instanceof ModelFileException) {
            status = USAGE;
            message = "model file " + ex.getMessage();
        } else if (ex instanceof DataException || ex instanceof InputException) {
            status = USAGE;
            message = ex.getMessage();
        } else if (ex instanceof DivergenceException) {
            status = FAILED;
            message = ex.getMessage();
        } else {
            status = FAILED;
            message = "internal error: " + ex + (debug(cl) ? "" : " (run with --debug for the stack trace)");
        }
        err.println("makemore: " + oneLine(message));
        if (debug(cl)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    private static boolean debug(CommandLine cl) {
        return cl.getCommand() instanceof Debuggable d && d.debug();
    }

    /** {@code message} on one line (picocli's and the JDK's messages sometimes hold line breaks). */
    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A command that takes {@code --debug}. */
    interface Debuggable {
        /** Whether {@code --debug} was given: stack traces on errors. */
        boolean debug();
    }

    /** A problem with an input file found after parsing (exit status 2, the message alone). */
    static final class InputException extends Exception {
        private static final long serialVersionUID = 1L;

        InputException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code --version}: the build's version (from the jar manifest) and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Makemore.class.getPackage().getImplementationVersion();
            return new String[] {
                "makemore " + (v == null ? "(development build)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name", "?") + ", "
                        + System.getProperty("java.vendor", "?") + ")"};
        }
    }
}
