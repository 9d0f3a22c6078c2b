package dev.makemore.verification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The overall coverage floor on JaCoCo's aggregate CSV. */
class CoverageFloorTest {
    private static final String HEADER = "GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,"
            + "BRANCH_COVERED,LINE_MISSED,LINE_COVERED,COMPLEXITY_MISSED,COMPLEXITY_COVERED,METHOD_MISSED,METHOD_COVERED";

    private static List<String> report(String... rows) {
        var lines = new java.util.ArrayList<String>();
        lines.add(HEADER);
        lines.addAll(List.of(rows));
        return lines;
    }

    @Test
    void sumsLinesPerModuleAndOverall() {
        var csv = report("makemore-java/makemore-core,dev.makemore.core,NdArray,1,2,0,0,10,90,0,0,0,0",
                "makemore-java/makemore-core,dev.makemore.core,Shape,1,2,0,0,0,50,0,0,0,0",
                "makemore-java/makemore-autograd,dev.makemore.autograd,Tensor,1,2,0,0,40,60,0,0,0,0", "");
        var per = CoverageFloor.linesPerModule(csv);
        assertThat(per).containsOnlyKeys("makemore-core", "makemore-autograd");
        assertThat(per.get("makemore-core").ratio()).isCloseTo(140.0 / 150, within(1e-12));
        assertThat(CoverageFloor.total(per).ratio()).isCloseTo(200.0 / 250, within(1e-12));
        assertThat(CoverageFloor.enforce(csv, 0.80)).contains("makemore-core", "93.33%", "overall", "80.00%");
        assertThatThrownBy(() -> CoverageFloor.enforce(csv, 0.85)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("80.00% is below the floor of 85.00%");
    }

    @Test
    void rejectsWhatIsNotAReport() {
        assertThatThrownBy(() -> CoverageFloor.linesPerModule(List.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> CoverageFloor.linesPerModule(List.of("a,b,c"))).hasMessageContaining("not a JaCoCo");
        assertThatThrownBy(() -> CoverageFloor.linesPerModule(report("x,y"))).hasMessageContaining("fields");
        assertThatThrownBy(() -> CoverageFloor.enforce(report(), 0.85)).hasMessageContaining("no lines");
        assertThat(new CoverageFloor.Lines(0, 0).ratio()).isEqualTo(1.0);
    }

    @Test
    void theCommandLineChecksAFileOrSkips(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("jacoco.csv");
        Files.write(csv, report("g,p,C,0,1,0,0,1,99,0,0,0,0"));
        // Capture what it prints, so this made-up report does not look like the build's in the log.
        var printed = new java.io.ByteArrayOutputStream();
        var stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            CoverageFloor.main(new String[]{csv.toString(), "0.85", "skip=false", "skip=false"});
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("99.00%", "floor 85.00%");
        assertThatThrownBy(() -> CoverageFloor.main(new String[]{csv.toString(), "0.995"}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CoverageFloor.main(new String[]{dir.resolve("missing.csv").toString(), "0.85"}))
                .hasMessageContaining("not found");
        // Coverage not recorded: nothing to check, even without a report.
        assertThatCode(() -> CoverageFloor.main(new String[]{dir.resolve("missing.csv").toString(), "0.85", "skip=false",
                "skip=true"})).doesNotThrowAnyException();
        assertThatThrownBy(() -> CoverageFloor.main(new String[]{"only-one"})).hasMessageContaining("usage");
    }
}
