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
        assertThatThrownBy(() -> Names.parse(bytes, "bad.txt")).hasMessage("bad.txt:2: not valid UTF-8 (byte 7)");
    }

    @Test
    void skipsAByteOrderMarkLikePythonsUtf8Sig() throws DataException {
        // Windows Notepad's "UTF-8 with BOM": EF BB BF, then the text.
        byte[] notepad = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'e', 'm', 'm', 'a', '\r', '\n', 'a', 'v', 'a', '\r', '\n'};
        List<String> names = Names.parse(notepad, "notepad.txt");
        assertThat(names).containsExactly("emma", "ava");
        assertThat(Vocabulary.of(names).symbols()).isEqualTo(".aemv");
        // Only at the start: elsewhere U+FEFF is a character like any other, as in Python.
        assertThat(parse("emma\n\uFEFFava")).containsExactly("emma", "\uFEFFava");
    }

    @Test
    void breaksLinesWherePythonsSplitlinesDoes() throws DataException {
        assertThat(parse("emma\rolivia\rava\r")).containsExactly("emma", "olivia", "ava");
        assertThat(parse("emma\u2028olivia\u0085ava\u000Bbo\u000Cal\u001Cjo\u001Dli\u001Ety\u2029"))
                .containsExactly("emma", "olivia", "ava", "bo", "al", "jo", "li", "ty");
        assertThatThrownBy(() -> parse("emma\r\n\rava"))
                .hasMessage("names.txt:2: empty line (one name per line, no blank lines)");
    }

    @Test
    void rejectsControlCharactersAndUtf16() {
        assertThatThrownBy(() -> parse("emma\nav\ta\n"))
                .hasMessage("names.txt:2: name contains the control character U+0009 (names are printable text)");
        byte[] utf16 = "emma\nava\n".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> Names.parse(utf16, "utf16.txt"))
                .hasMessage("utf16.txt:1: a NUL character (U+0000): is the file UTF-16? Save it as UTF-8");
    }

    @Test
    void rejectsCharactersOutsideTheBasicMultilingualPlane() {
        assertThatThrownBy(() -> parse("emma\nav\uD83D\uDE00a\n"))
                .hasMessage("names.txt:2: name contains U+1F600, outside the Basic Multilingual Plane: the vocabulary"
                        + " holds characters U+0000 to U+FFFF only");
    }

    @Test
    void reportsTheLineOfABadByteWhateverTheLineEnds() {
        byte[] bytes = {'e', '\r', 'a', '\r', '\n', 'b', (byte) 0xC3};
        assertThatThrownBy(() -> Names.parse(bytes, "bad.txt")).hasMessage("bad.txt:3: not valid UTF-8 (byte 6)");
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
