package org.larmor.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document into a {@link YamlNode} tree in which every node knows its line and column.
 *
 * <p>Jackson's streaming YAML parser supplies the tokens and their locations; the tree is built here because
 * Jackson's own tree model forgets where each value was written, and a user needs that to fix a file.
 * Duplicate keys are an error (YAML forbids them; most parsers keep the last one silently).
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** The longest line a YAML input may have, in characters. */
    public static final int MAX_LINE = 100_000;

    private YamlReader() {
    }

    public static YamlNode read(Path file) {
        return read(file.toString(), text(file));
    }

    /** A file's UTF-8 text, or an input error naming the file ("file not found", "cannot read file: …"). */
    public static String text(Path file) {
        return InputFiles.text(file, InputFiles.Kind.YAML);
    }

    public static YamlNode read(String source, String text) {
        text = InputFiles.stripBom(text);
        checkLineLengths(source, text);
        try (Reader r = new StringReader(text); JsonParser p = FACTORY.createParser(r)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw InputException.of(source, "the file is empty");
            }
            YamlNode root = node(p, source, "");
            if (p.nextToken() != null) {
                throw new InputException(loc(source, p.currentTokenLocation()), null,
                        "more than one YAML document in the file");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new InputException(l == null ? new Location(source, 0, 0) : loc(source, l), null,
                    "not valid YAML: " + InputFiles.parserMessage(msg));
        } catch (IOException e) {
            throw InputException.of(source, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Refuses a line longer than {@link #MAX_LINE} characters before the parser sees it: SnakeYAML's scanner takes
     * time quadratic in the length of a line (a 4 MB one-line file took half a minute to be refused), and no Larmor
     * YAML file has such lines.
     */
    static void checkLineLengths(String source, String text) {
        int line = 1;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new InputException(new Location(source, line, 1), null, "line " + line + " is longer than "
                            + MAX_LINE + " characters: not a Larmor YAML file (their lines are short)");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static YamlNode node(JsonParser p, String source, String path) throws IOException {
        Location here = loc(source, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> values = new LinkedHashMap<>();
                Map<String, Location> keyLocs = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyLoc = loc(source, p.currentTokenLocation());
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (values.containsKey(key)) {
                        throw new InputException(keyLoc, childPath,
                                "duplicate key (first written at line " + keyLocs.get(key).line() + ")");
                    }
                    p.nextToken();
                    values.put(key, node(p, source, childPath));
                    keyLocs.put(key, keyLoc);
                }
                return new YamlMap(here, path, values, keyLocs);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, source, path + "[" + i++ + "]"));
                }
                return new YamlList(here, path, items);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlScalar(here, path, p.getText(), true, false);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlScalar(here, path, p.getText(), false, true);
            }
            case VALUE_NULL -> {
                return new YamlScalar(here, path, null, false, false);
            }
            case VALUE_STRING -> {
                return new YamlScalar(here, path, p.getText(), false, false);
            }
            default -> throw new InputException(here, path, "unsupported YAML construct " + t);
        }
    }

    private static Location loc(String source, JsonLocation l) {
        return new Location(source, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }
}
