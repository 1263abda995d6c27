# Writes sinc3.exc (run from anywhere: python3 sinc3-exc-generator.py). Needs numpy and scipy.
# Independent generator for the Bruker JCAMP-DX test shape: a 3-lobe sinc (64 points), and its 90-degree
# excitation FWHM by an independent Bloch simulation (scipy expm on the 3x3 generator).
import numpy as np
from scipy.linalg import expm
from scipy.optimize import brentq
N = 64
tau = (2*np.arange(N)+1)/N - 1
x = np.pi*2*tau
s = np.sinc(2*tau)            # numpy sinc = sin(pi x)/(pi x): zero crossings at tau = +-0.5, +-1
amp = np.abs(s)/np.max(np.abs(s))*100
ph = np.where(s < 0, 180.0, 0.0)
integ = np.sum(amp/100*np.cos(np.radians(ph)))/N
T = 1.0
b1 = 0.25/(T*integ)
def mxy(nu):
    M = np.array([0, 0, 1.0])
    for a, p in zip(amp/100, np.radians(ph)):
        O = 2*np.pi*np.array([b1*a*np.cos(p), b1*a*np.sin(p), nu])
        K = np.array([[0, -O[2], O[1]], [O[2], 0, -O[0]], [-O[1], O[0], 0]])
        M = expm(K*T/N) @ M
    return np.hypot(M[0], M[1])
peak = mxy(0.0)
nus = np.linspace(0, 10, 2001)
v = np.array([mxy(n) for n in nus])
i = np.argmax(v < peak/2)
edge = brentq(lambda n: mxy(n) - peak/2, nus[i-1], nus[i], xtol=1e-12)
bwfac = 2*edge*T
print("integfac", integ, "peak", peak, "bwfac", bwfac)
lines = ["##TITLE= sinc3.exc",
 "##JCAMP-DX= 5.00 $$ Bruker JCAMP library",
 "##DATA TYPE= Shape Data",
 "##ORIGIN= Larmor test resource (layout of Bruker TopSpin shape files)",
 "##OWNER= <larmor>",
 "##DATE= 2024/06/01",
 "##TIME= 12:00:00",
 "##$SHAPE_PARAMETERS= Type: Sinc ; Number of lobes = 3",
 "##MINX= %.6E" % amp.min(),
 "##MAXX= %.6E" % amp.max(),
 "##MINY= %.6E" % ph.min(),
 "##MAXY= %.6E" % ph.max(),
 "##$SHAPE_EXMODE= Excitation",
 "##$SHAPE_TOTROT= 9.000000E01",
 "##$SHAPE_TYPE= Excitation",
 "##$SHAPE_USER_DEF= ",
 "##$SHAPE_REPHFAC= ",
 "##$SHAPE_BWFAC= %.6E" % bwfac,
 "##$SHAPE_BWFAC50= ",
 "##$SHAPE_INTEGFAC= %.6E" % integ,
 "##$SHAPE_MODE= 0",
 "##NPOINTS= %d" % N,
 "##XYPOINTS= (XY..XY)"]
lines += ["%.6E, %.6E" % (a, p) for a, p in zip(amp, ph)]
lines += ["##END= "]
open(__import__("os").path.join(__import__("os").path.dirname(__file__), "sinc3.exc"), "w").write("\n".join(lines) + "\n")
