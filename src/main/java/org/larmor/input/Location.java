package org.larmor.input;

/**
 * Where a value came from: a file (or other named source) and a 1-based line and column; 0 when unknown.
 */
public record Location(String source, int line, int column) {
    @Override
    public String toString() {
        if (line <= 0) {
            return source;
        }
        return source + ":" + line + ":" + column;
    }
}
