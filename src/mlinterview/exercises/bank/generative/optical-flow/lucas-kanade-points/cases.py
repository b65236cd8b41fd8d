"""Cases for optical-flow/lucas-kanade-points.

Expected values come from mlinterview.ml.vision.lucas_kanade (checked against
scikit-image's optical_flow_ilk in tests/parity/test_flow.py) with one warp at one
pyramid level, read at the case's points: its uniform window (a box mean) covers the
same pixels because every point is at least `radius` from the borders, and its
eigenvalue guard is the statement's. Textures with a known motion come from
moving_texture. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.vision import lucas_kanade
from mlinterview.ml.vision._flow import moving_texture


def reference(image0, image1, points, radius, min_eigenvalue):
    flow = lucas_kanade(image0, image1, radius=radius, num_warp=1, num_levels=1,
                        min_eigenvalue=min_eigenvalue)
    points = np.asarray(points, dtype=int).reshape(-1, 2)
    return flow[:, points[:, 0], points[:, 1]].T


RC = np.indices((3, 3), dtype=float)
SQUARE = RC[0] ** 2 + RC[1]                    # rows [0, 1, 2], [1, 2, 3], [4, 5, 6]
DIAGONAL = RC[0] + RC[1]


def fixed():
    flat = np.full((5, 5), 3.0)
    return [
        Case((SQUARE + 1, SQUARE, [[1, 1]], 1, 0.01), note="the statement's first example",
             expected=np.array([[0.0, 1.0]])),
        Case((SQUARE + 1, SQUARE, [[1, 1]], 1, 0.2),
             note="the same with min_eigenvalue 0.2 above the eigenvalue (about 0.120)",
             expected=np.array([[0.0, 0.0]])),
        Case((DIAGONAL + 1, DIAGONAL, [[1, 1]], 1, 0.0),
             note="a single edge direction: eigenvalue exactly 0, no flow",
             expected=np.array([[0.0, 0.0]])),
        Case((flat + 1.0, flat, [[2, 2], [1, 3]], 1, 0.0),
             note="a flat patch: A = 0, and 0 is not greater than 0",
             expected=np.zeros((2, 2))),
        # image1 = SQUARE transposed: g_c = [1, 2, 3] across the columns, g_r = 1; e = 1:
        # A = [[1, 2], [2, 14/3]], b = [1, 2] -> d = (1, 0), one row down.
        Case((SQUARE.T + 1, SQUARE.T, [[1, 1]], 1, 0.01),
             note="the first example transposed: one row down",
             expected=np.array([[1.0, 0.0]])),
        # Scaling both images by 10 scales A by 100 and b by 100: the same flow.
        Case((10 * (SQUARE + 1), 10 * SQUARE, [[1, 1]], 1, 0.01),
             note="contrast x 10: same flow", expected=np.array([[0.0, 1.0]])),
        Case((SQUARE + 1, SQUARE, np.zeros((0, 2), dtype=int), 1, 0.01),
             note="no points", expected=np.zeros((0, 2))),
    ]


def generated(rng):
    cases = []
    for i in range(22):
        shape = (int(rng.integers(12, 48)), int(rng.integers(12, 48)))
        radius = int(rng.integers(1, 5))
        if i % 3 == 2:                            # random images: any flow, some guards
            image0, image1 = rng.normal(size=shape), rng.normal(size=shape)
        else:
            image0, image1, _ = moving_texture(shape, amount=tuple(rng.uniform(-1, 1, 2)),
                                               seed=int(rng.integers(1000)))
        # Some windows flattened so the eigenvalue guard fires.
        if i % 4 == 0:
            image0[: 2 * radius + 2, : 2 * radius + 2] = 0.5
            image1[: 2 * radius + 2, : 2 * radius + 2] = 0.5
        k = int(rng.integers(1, 60)) if i < 20 else 2000
        points = np.column_stack([rng.integers(radius, shape[0] - radius, k),
                                  rng.integers(radius, shape[1] - radius, k)])
        points[0] = (radius, radius)             # a window touching two borders
        min_eig = [0.0, 1e-6, 1e-3, 0.05][i % 4]
        cases.append(Case((image0, image1, points, radius, min_eig),
                          note=f"image {shape}, {k} points, radius {radius}, "
                          f"min_eigenvalue {min_eig}", size=int(image0.size) + k))
    return cases


SPEC = ExerciseSpec(
    function="lucas_kanade_points",
    # Window sums in another order and a 2x2 solve: relative differences ~1e-13 where A
    # is well conditioned; the random images' windows have condition numbers below 1e4.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
