package dev.makemore.training.cli;

import dev.makemore.training.Stage;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --stage STAGE} option of the commands that train one stage (a picocli mixin). */
final class StageOption {
    @Option(names = "--stage", required = true, paramLabel = "STAGE", completionCandidates = StageNames.class,
            description = "The lecture's stage: ${COMPLETION-CANDIDATES}.")
    String name;

    /** The stage named, or a usage error listing the known ones. */
    Stage resolve(Cli cli, CommandSpec spec) {
        return Inputs.stage(cli, spec, name);
    }
}
