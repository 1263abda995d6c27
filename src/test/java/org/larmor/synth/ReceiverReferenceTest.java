package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.validate.BasisFiles;
import org.larmor.validate.LoadedSpectra;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A synthetic NIfTI-MRS file states its receiver reference, so Larmor's own readers (compare, plot) take it from the
 * file instead of assuming 4.65 ppm: shown with a receiver placed at 3.0 ppm, where the assumption would be wrong.
 */
class ReceiverReferenceTest {
    @Test
    void theReaderTakesTheReceiverReferenceFromTheFile(@TempDir Path tmp) throws IOException {
        Scenario sc = SynthFixtures.scenario("repetition_time_s: 2\nconcentrations_mm: {NAA: 10}\n");
        SynthBasis b = SynthFixtures.bind(sc, SynthFixtures.singlets());
        SynthBasis shifted = new SynthBasis(b.source(), b.names(), b.basisNames(), b.conditions(), b.conditionFids(),
                b.combinations(), b.hzPerPpm(), 3.0, b.nucleus(), b.echoTimeS(), 0, 0, 1);
        Synthesiser s = new Synthesiser(sc, shifted);
        Dataset.write(s, tmp.resolve("d"), new Dataset.Options(1, 1, 0, 1, false, false, true, false, false), "x",
                null);
        LoadedSpectra l = BasisFiles.load(tmp.resolve("d/nifti/spectrum_0000000.nii.gz"));
        assertEquals(3.0, l.referencePpm(), 0);
        assertTrue(l.notes().stream().noneMatch(n -> n.contains("receiver reference not stated")), l.notes()
                .toString());
    }
}
