package dev.makemore.diagnostics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private static Recorder recorder;

    @BeforeAll
    static void train() {
        recorder = Recorder.atSteps(0, 39);
        new TinyNet(9).train(40, recorder);
    }

    @Test
    void everyFigureIsWrittenAsAValidPngAndSvgOfItsDeclaredSize(@TempDir Path dir) throws Exception {
        Path index = Report.write(dir, recorder, "tiny network");
        assertThat(index).isEqualTo(dir.resolve("index.html"));
        List<Figure> figures = Report.figures(recorder);
        assertThat(figures).extracting(Figure::name).containsExactly("loss", "update-ratios",
                "step-0-preactivations", "step-0-activations", "step-0-gradients", "step-0-weight-gradients",
                "step-0-saturation-layer-2",
                "step-39-preactivations", "step-39-activations", "step-39-gradients", "step-39-weight-gradients",
                "step-39-saturation-layer-2");
        for (Figure f : figures) {
            byte[] png = Files.readAllBytes(dir.resolve(f.name() + ".png"));
            assertThat(png).as(f.name()).startsWith(PNG_SIGNATURE);
            var image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).as(f.name()).isEqualTo(f.width());
            assertThat(image.getHeight()).as(f.name()).isEqualTo(f.height());

            byte[] svg = Files.readAllBytes(dir.resolve(f.name() + ".svg"));
            assertThat(svg).as(f.name()).isNotEmpty();
            Element root = parseSvg(svg);
            assertThat(root.getTagName()).isEqualTo("svg");
            assertThat(pixels(root.getAttribute("width"))).as(f.name()).isEqualTo(f.width());
            assertThat(pixels(root.getAttribute("height"))).as(f.name()).isEqualTo(f.height());
        }
        assertThat(Figures.WIDTH).isEqualTo(1400);
        assertThat(figures.get(0).height()).isEqualTo(400);
    }

    @Test
    void theHtmlIsSelfContainedAndHoldsEveryFigureAndTable(@TempDir Path dir) throws IOException {
        Report.write(dir, recorder, "tiny <network>");
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>tiny &lt;network&gt;</title>");
        assertThat(Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("a reference to the network").isFalse();
        assertThat(html).doesNotContainIgnoringCase("url(http").doesNotContain("<script");
        List<Figure> figures = Report.figures(recorder);
        assertThat(Pattern.compile("src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"").matcher(html).results().count())
                .isEqualTo(figures.size());
        for (Figure f : figures) {
            assertThat(html).contains("<figure id=\"" + f.name() + "\">").contains(Report.esc(f.caption()));
        }
        for (Snapshot s : recorder.snapshots()) {
            for (String line : Stream.of(s.activationLines(), s.gradientLines(), s.weightLines()).flatMap(List::stream).toList()) {
                assertThat(html).contains(Report.esc(line));
            }
        }
        assertThat(html).contains(LectureLines.ratios(recorder.updateRatios().last()));
        String text = Files.readString(dir.resolve("report.txt"));
        assertThat(text).contains(recorder.snapshot(39).text()).contains("update:data ratios (log10) at step 39");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".report-"));
        }
    }

    @Test
    void aFailedWriteLeavesTheFolderAsItWas(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("model.bin"), "not ours");
        Report.write(dir, recorder, "first");
        String before = Files.readString(dir.resolve("index.html"));
        List<String> listing = list(dir);

        var broken = new Figure("broken", "Broken", "never drawn", 10, 10, (g, w, h) -> {
            throw new IllegalStateException("cannot draw");
        });
        var figures = new ArrayList<>(Report.figures(recorder));
        figures.add(broken);
        assertThatThrownBy(() -> Report.write(dir, recorder, "second", figures))
                .isInstanceOf(IllegalStateException.class).hasMessage("cannot draw");
        assertThat(list(dir)).isEqualTo(listing);
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("model.bin"))).isEqualTo("not ours");

        // A second report replaces the first's files and leaves other files alone.
        Report.write(dir, recorder);
        assertThat(Files.readString(dir.resolve("index.html"))).contains("<h1>makemore diagnostics</h1>");
        assertThat(list(dir)).isEqualTo(listing);
    }

    @Test
    void escapingMakesTextSafeInHtmlAndAttributesWithoutEscapingTwice() {
        assertThat(Report.esc("a < b & \"c\" > &amp; 'd'")).isEqualTo("a &lt; b &amp; &quot;c&quot; &gt; &amp;amp; 'd'");
        assertThat(Report.esc("layer 2 (Tanh)")).isEqualTo("layer 2 (Tanh)");
    }

    @Test
    void aReportOfNothingStillWrites(@TempDir Path dir) throws IOException {
        var empty = Recorder.atSteps();
        Path index = Report.write(dir.resolve("new/folder"), empty, "empty");
        String html = Files.readString(index);
        assertThat(html).contains("0 steps recorded").contains("Snapshots at no step");
        assertThat(Report.text(empty)).isEmpty();
        assertThat(Files.size(dir.resolve("new/folder/loss.png"))).isPositive();
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Element parseSvg(byte[] svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        // The SVG names its DTD by URL: never fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getDocumentElement();
    }

    static int pixels(String length) {
        var m = Pattern.compile("^(\\d+)(\\.0+)?(px)?$").matcher(length);
        assertThat(m.matches()).as("an SVG length in pixels: " + length).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
