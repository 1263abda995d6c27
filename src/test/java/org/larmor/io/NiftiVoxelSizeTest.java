package org.larmor.io;

import org.junit.jupiter.api.Test;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A localised simulation writes its voxel size into pixdim[1..3]; an unlocalised one writes 10000 mm. */
class NiftiVoxelSizeTest {
    static final SpinSystem CR = SpinSystem.of("Cr", List.of(Spin.protons("CH3", 3.027, 3)), List.of());

    static double[] pixdim(Sequence q) {
        BasisSet set = BasisSimulator.simulate(List.of(CR), q, null);
        byte[] nii = NiftiMrsWriter.write(set, set.spectra().get(0), set.conditions());
        return NiftiHeader.parse("cr.nii", nii).pixdim();
    }

    @Test
    void localisedVoxelSizeIsInPixdim() {
        Sequence q = SequenceReader.parse("p.yaml", "template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 10\n"
                + "voxel_mm: [20, 15, 30]\nspatial: {positions: 8}\n"
                + "refocusing: {shape: sinc, lobes: 2, duration_ms: 4, flip_deg: 180}\n"
                + "acquisition: {points: 512, spectral_width_hz: 2000}\n");
        double[] p = pixdim(q);
        assertEquals(20, p[1], 1e-9);
        assertEquals(15, p[2], 1e-9);
        assertEquals(30, p[3], 1e-9);
        Sequence ideal = SequenceReader.parse("i.yaml", "template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 10\n"
                + "acquisition: {points: 512, spectral_width_hz: 2000}\n");
        assertEquals(NiftiMrsWriter.UNLOCALISED_MM, pixdim(ideal)[1], 1e-9);
    }
}
