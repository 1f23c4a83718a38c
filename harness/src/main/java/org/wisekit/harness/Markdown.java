package org.wisekit.harness;

import java.util.List;

/** Markdown table helpers; cell text is escaped so that a '|' or newline cannot break a row. */
final class Markdown {

    private Markdown() {
    }

    static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(' ').append(escape(c)).append(" |");
        }
        return sb.toString();
    }

    static String separator(int columns) {
        return "|" + "---|".repeat(columns);
    }

    static String escape(String cell) {
        if (cell == null) {
            return "";
        }
        return cell.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
