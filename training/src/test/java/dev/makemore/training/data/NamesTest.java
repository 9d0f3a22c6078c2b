package dev.makemore.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesTest {

    private static List<String> parse(String text) throws DataException {
        return Names.parse(text.getBytes(StandardCharsets.UTF_8), "names.txt");
    }

    @Test
    void acceptsUnixAndWindowsLineEndsWithOrWithoutFinalNewline() throws DataException {
        assertThat(parse("emma\nolivia\nava\n")).containsExactly("emma", "olivia", "ava");
        assertThat(parse("emma\nolivia\nava")).containsExactly("emma", "olivia", "ava");
        assertThat(parse("emma\r\nolivia\r\nava\r\n")).containsExactly("emma", "olivia", "ava");
        assertThat(parse("zoë\n")).containsExactly("zoë");
    }

    @Test
    void rejectsDotWithLineAndName() {
        assertThatThrownBy(() -> parse("emma\nan.na\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("names.txt:2: name \"an.na\" contains '.', which is reserved as the start/end token");
    }

    @Test
    void rejectsEmptyLineBetweenNames() {
        assertThatThrownBy(() -> parse("emma\n\nava\n"))
                .hasMessage("names.txt:2: empty line (one name per line, no blank lines)");
        assertThatThrownBy(() -> parse("emma\r\n\r\nava"))
                .hasMessage("names.txt:2: empty line (one name per line, no blank lines)");
        assertThatThrownBy(() -> parse("emma\n\n"))
                .hasMessage("names.txt:2: empty line (one name per line, no blank lines)");
    }

    @Test
    void rejectsBytesThatAreNotUtf8WithTheirLine() {
        byte[] bytes = {'e', 'm', 'm', 'a', '\n', 'a', 'v', (byte) 0xff, 'a', '\n'};
        assertThatThrownBy(() -> Names.parse(bytes, "bad.txt")).hasMessage("bad.txt:2: not valid UTF-8");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> parse("")).hasMessage("names.txt: no names in the file");
        assertThatThrownBy(() -> parse("\n")).hasMessage("names.txt: no names in the file");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("n.txt");
        Files.writeString(file, "bob\nal\n");
        assertThat(Names.read(file)).containsExactly("bob", "al");
    }
}
