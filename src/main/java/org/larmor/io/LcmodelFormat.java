package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;

import java.io.IOException;
import java.util.List;

/**
 * LCModel: per spectrum a {@code .BASIS} (the set MYBASI reads; LCModel manual §11) and a {@code .RAW} per
 * metabolite (makebasis input):
 * <pre>
 * lcmodel/&lt;seq&gt;[_&lt;spectrum&gt;].BASIS
 * lcmodel/raw[/&lt;spectrum&gt;]/&lt;Metab&gt;.RAW
 * </pre>
 * A spectrum with no included metabolite (a combination in which everything cancels) writes nothing: a .BASIS
 * without a $BASIS group is not a basis set LCModel can read.
 */
final class LcmodelFormat implements BasisFormat {
    @Override
    public String id() {
        return "lcmodel";
    }

    @Override
    public String description() {
        return "LCModel .BASIS per spectrum and .RAW per metabolite";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        String seq = set.sequence().name();
        for (String c : set.conditions()) {
            List<BasisSpectrum> included = set.included(c);
            if (included.isEmpty()) {
                continue;
            }
            String part = BasisFormat.part(set, c);
            out.write("lcmodel/" + seq + (part == null ? "" : "_" + part) + ".BASIS",
                    BasisFormat.utf8(LcmodelBasisWriter.write(set, c)));
            for (BasisSpectrum s : included) {
                out.write("lcmodel/raw/" + BasisFormat.folder(part) + s.name() + ".RAW",
                        BasisFormat.utf8(LcmodelRawWriter.write(set, s, c)));
            }
        }
    }
}
