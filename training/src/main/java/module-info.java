/**
 * makemore-training: the lecture itself. The names data set, its split, every stage of the lecture as
 * data, the training loop, evaluation, sampling, BatchNorm calibration, and the {@code makemore}
 * command line ({@code dev.makemore.training.cli.Makemore}).
 */
module dev.makemore.training {
    requires transitive dev.makemore.diagnostics;
    // The data set is downloaded once when it is not found locally.
    requires java.net.http;
    // The benchmark's bytes allocated per step (com.sun.management.ThreadMXBean).
    requires jdk.management;
    // Makemore.commandLine() hands out picocli's CommandLine.
    requires transitive info.picocli;
    requires me.tongfei.progressbar;

    exports dev.makemore.training;
    exports dev.makemore.training.data;
    exports dev.makemore.training.cli;
    // picocli fills the commands' @Option fields by reflection.
    opens dev.makemore.training.cli to info.picocli;
}
