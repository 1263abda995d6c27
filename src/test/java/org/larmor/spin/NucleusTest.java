package org.larmor.spin;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nucleus table against CODATA and IUPAC: γ/2π, Larmor frequencies, spin quantum numbers and symbols. */
class NucleusTest {
    /** CODATA 2018 proton gyromagnetic ratio γp/2π, Hz/T (42.577 478 518(18) MHz/T). */
    private static final double CODATA_GAMMA_P_HZ_PER_T = 42.577478518e6;

    @Test
    void protonLarmorFrequencyIsCodataGammaTimesB0() {
        // 3 T: 127.732 MHz; 7 T: 298.042 MHz (γp/2π · B0 with the CODATA value written above).
        assertEquals(CODATA_GAMMA_P_HZ_PER_T * 3, Nucleus.H1.larmorHz(3.0), 3 * CODATA_GAMMA_P_HZ_PER_T * 1e-7);
        assertEquals(127.732e6, Nucleus.H1.larmorHz(3.0), 1e3);
        assertEquals(298.042e6, Nucleus.H1.larmorHz(7.0), 1e3);
        assertEquals(CODATA_GAMMA_P_HZ_PER_T, Nucleus.H1.gammaHzPerT(), CODATA_GAMMA_P_HZ_PER_T * 1e-7);
    }

    @Test
    void heteronuclearGammaRatiosMatchIupacFrequencyRatios() {
        // IUPAC Ξ (Harris et al. 2001, Table 1): resonance frequency of each nucleus' reference compound as a
        // percentage of that of 1H in TMS. It differs from γX/γH only by reference shieldings (< 0.1 %).
        Map<Nucleus, Double> xiPercent = Map.of(Nucleus.C13, 25.145020, Nucleus.N14, 7.226317,
                Nucleus.N15, 10.136767, Nucleus.F19, 94.094011, Nucleus.P31, 40.480742);
        for (Map.Entry<Nucleus, Double> e : xiPercent.entrySet()) {
            double ratio = Math.abs(e.getKey().gammaHzPerT()) / Nucleus.H1.gammaHzPerT();
            assertEquals(e.getValue() / 100, ratio, e.getValue() / 100 * 1e-3, e.getKey().symbol());
            // The Larmor frequency at 3 T is the same fraction of the proton's.
            assertEquals(e.getValue() / 100 * Nucleus.H1.larmorHz(3), e.getKey().larmorHz(3),
                    e.getValue() / 100 * Nucleus.H1.larmorHz(3) * 1e-3, e.getKey().symbol());
        }
    }

    @Test
    void nitrogen15HasANegativeGammaButAPositiveLarmorFrequency() {
        assertTrue(Nucleus.N15.gammaHzPerT() < 0);
        assertEquals(4.316e6 * 9.4, Nucleus.N15.larmorHz(9.4), 4.316e6 * 9.4 * 1e-3);
        assertTrue(Nucleus.P31.gammaHzPerT() > 0);
    }

    @Test
    void onlyNitrogen14AndDeuteriumAreSpinOne() {
        for (Nucleus n : Nucleus.values()) {
            assertEquals(n == Nucleus.N14 || n == Nucleus.H2 ? 2 : 1, n.twiceSpin(), n.symbol());
        }
    }

    @Test
    void symbolsAreTheDicomSpellingAndParseBack() {
        assertEquals("1H", Nucleus.H1.symbol());
        assertEquals("31P", Nucleus.P31.symbol());
        assertEquals("14N", Nucleus.N14.toString());
        for (Nucleus n : Nucleus.values()) {
            assertEquals(Optional.of(n), Nucleus.parse(n.symbol()));
            assertEquals(Optional.of(n), Nucleus.parse(" " + n.name().toLowerCase() + " "));
        }
        assertEquals(Optional.of(Nucleus.P31), Nucleus.parse("p31"));
        assertEquals(Optional.of(Nucleus.H2), Nucleus.parse("2H"));
        assertEquals(Optional.empty(), Nucleus.parse("7Li"));
    }
}
