package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e-mail text extraction on hand-written messages, and the reader on a temporary corpus. */
class SpamAssassinTest {

    private static String text(String email) {
        return SpamAssassin.text(email.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void plainMessageKeepsSubjectAndBodyAndDropsOtherHeaders() {
        String email = "Return-Path: <a@b.c>\nReceived: from x\n  by y\nSubject: Hello\n  there\n\nLine one.\n\n  Line two.\n";
        assertThat(text(email)).isEqualTo("Hello there\nLine one. Line two.");
    }

    @Test
    void crlfLineEndingsAreTheSame() {
        assertThat(text("Subject: Hi\r\n\r\nBody\r\ntext\r\n")).isEqualTo("Hi\nBody text");
    }

    @Test
    void multipartPrefersPlainTextAndSkipsAttachments() {
        String email = "Subject: s\nContent-Type: multipart/alternative; boundary=\"XX\"\n\npreamble\n--XX\n"
                + "Content-Type: text/plain\n\nplain words\n--XX\nContent-Type: text/html\n\n<p>html words</p>\n"
                + "--XX\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lGODlh\n--XX--\nepilogue\n";
        assertThat(text(email)).isEqualTo("s\nplain words");
    }

    @Test
    void htmlOnlyIsStrippedOfTagsScriptsAndEntities() {
        String email = "Subject: s\nContent-Type: text/html\n\n<html><style>p {x}</style><b>Buy</b>&nbsp;now &amp; save"
                + " &#36;5 &#x41;<!-- hidden --></html>";
        assertThat(text(email)).isEqualTo("s\nBuy now & save $5 A");
    }

    @Test
    void transferEncodingsAndCharsetsAreDecoded() {
        String qp = "Subject: s\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
                + "caf=E9 soft=\nbreak\n";
        assertThat(text(qp)).isEqualTo("s\ncafé softbreak");
        String b64 = "Subject: s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                + "Y2Fmw6kgYXUgbGFpdA==\n";
        assertThat(text(b64)).isEqualTo("s\ncafé au lait");
    }

    @Test
    void encodedWordsInTheSubjectAreDecoded() {
        assertThat(text("Subject: =?iso-8859-1?Q?Caf=E9_ouvert?= and =?utf-8?B?w6k=?=\n\nx"))
                .isEqualTo("Café ouvert and é\nx");
    }

    @Test
    void nestedMultipartAndMalformedInputDoNotFail() {
        String nested = "Subject: s\nContent-Type: multipart/mixed; boundary=A\n\n--A\n"
                + "Content-Type: multipart/alternative; boundary=B\n\n--B\nContent-Type: text/plain\n\ninner\n--B--\n--A--\n";
        assertThat(text(nested)).isEqualTo("s\ninner");
        assertThat(text("Subject: s\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!not base64!!"))
                .isEqualTo("s");
        assertThat(text("no headers at all")).isEqualTo(SpamAssassin.EMPTY);
        assertThat(text("Content-Type: image/png\n\nabc")).isEqualTo(SpamAssassin.EMPTY);
    }

    @Test
    void readsGroupsInOrderWithFilesSortedByName(@TempDir Path root) throws IOException {
        for (String group : SpamAssassin.GROUPS) {
            Files.createDirectories(root.resolve(group));
            Files.writeString(root.resolve(group).resolve("2.txt"), "Subject: " + group + " b\n\nx");
            Files.writeString(root.resolve(group).resolve("1.txt"), "Subject: " + group + " a\n\nx");
            Files.writeString(root.resolve(group).resolve("1.json"), "{}");
        }
        LabeledTexts emails = SpamAssassin.read(root);
        assertThat(emails.size()).isEqualTo(10);
        assertThat(emails.texts().get(0)).isEqualTo("easy-ham-1 a\nx");
        assertThat(emails.texts().get(5)).isEqualTo("hard-ham-1 b\nx");
        assertThat(emails.labels()).containsExactly(0, 0, 0, 0, 1, 1, 2, 2, 2, 2);
    }

    @Test
    void missingGroupIsAMalformedDataError(@TempDir Path root) {
        assertThatThrownBy(() -> SpamAssassin.read(root)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("easy-ham-1");
    }
}
