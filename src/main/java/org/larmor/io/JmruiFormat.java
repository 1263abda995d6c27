package org.larmor.io;

import org.larmor.basis.BasisSet;

import java.io.IOException;

/**
 * jMRUI text: one file per spectrum holding every included metabolite as a signal,
 * {@code jmrui[/<spectrum>]/<seq>.txt}. A spectrum with no included metabolite writes no file (a jMRUI file with
 * DatasetsInFile: 0 is not a basis).
 */
final class JmruiFormat implements BasisFormat {
    @Override
    public String id() {
        return "jmrui";
    }

    @Override
    public String description() {
        return "jMRUI text, one file per spectrum";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        String name = set.sequence().name() + ".txt";
        for (String c : set.conditions()) {
            if (set.included(c).isEmpty()) {
                continue;
            }
            out.write("jmrui/" + BasisFormat.folder(BasisFormat.part(set, c)) + name,
                    BasisFormat.utf8(JmruiTextWriter.write(set, c, name)));
        }
    }
}
