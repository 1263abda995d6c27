package org.larmor.priors;

import org.larmor.input.InputException;
import org.larmor.input.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A delimited text table (CSV or TSV) read line by line: cells split on the delimiter, double quotes honoured,
 * surrounding spaces trimmed, blank lines skipped, and each row's line number kept for messages.
 *
 * @param file      the file
 * @param delimiter ',' or '\t' (a tab on the first line makes it a TSV)
 * @param rows      the non-blank rows, cells trimmed
 * @param lines     the 1-based line of each row
 */
record Delimited(Path file, char delimiter, List<List<String>> rows, List<Integer> lines) {
    static Delimited read(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            try {
                text = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                throw new UncheckedIOException(e2);
            }
        } catch (IOException e) {
            throw InputException.of(file.toString(), "cannot read: " + e.getMessage());
        }
        char d = !text.isEmpty() && text.get(0).indexOf('\t') >= 0 ? '\t' : ',';
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            rows.add(split(line, d));
            lines.add(i + 1);
        }
        if (rows.isEmpty()) {
            throw InputException.of(file.toString(), "the file is empty: expected a header row and one row per"
                    + " subject");
        }
        return new Delimited(file, d, rows, lines);
    }

    static List<String> split(String line, char d) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == d && !quoted) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    List<String> header() {
        return rows.get(0);
    }

    Location at(int row, int column) {
        return new Location(file.toString(), lines.get(row), column + 1);
    }

    /**
     * The number in a cell; an empty cell, "NaN" or "NA" is a missing value (NaN).
     *
     * @throws InputException naming file, line and column when the cell holds something else
     */
    double number(int row, int column) {
        List<String> r = rows.get(row);
        String field = column < header().size() ? header().get(column) : "column " + (column + 1);
        if (column >= r.size()) {
            throw new InputException(at(row, column), field, "expected " + header().size() + " cells as in the"
                    + " header, got " + r.size());
        }
        String s = r.get(column);
        String l = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || l.equals("nan") || l.equals("na") || l.equals("n/a")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException(at(row, column), field, "expected a number, got \"" + s + "\"");
        }
    }
}
