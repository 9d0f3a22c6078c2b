package dev.makemore.training.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data PATH} option every training command shares (a picocli mixin). */
final class DataOption {
    @Option(names = "--data", paramLabel = "PATH",
            description = "names.txt (default: $MAKEMORE_DATA, else the cached copy, else download it).")
    Path path;
}
