"""Classical computer vision: optical flow and two-view geometry, plus the rendering
equations behind NeRF and Gaussian splatting.

* Optical flow (``_flow.py``): :func:`lucas_kanade` (windowed, iterative, pyramidal),
  :func:`horn_schunck`, bilinear :func:`warp`, :func:`endpoint_error`, and pictures of a
  flow (:func:`flow_to_rgb` colour wheel, :func:`flow_arrows` for ``quiver``), and
  :func:`moving_texture`, test images with an exactly known flow.
  Flow convention of scikit-image: shape (2, rows, cols), ``image1[p + flow(p)] ~ image0[p]``.
* Two-view geometry (``_geometry.py``): :func:`eight_point` (normalised) for the
  fundamental matrix, :func:`essential_from_fundamental`, :func:`pose_candidates` and
  :func:`essential_to_pose` (cheirality check), :func:`triangulate` (DLT, any number of
  views), :func:`project`, :func:`reprojection_error`, :func:`sampson_distance`.
* Rendering (``_geometry.py``): :func:`volume_render` (NeRF's alpha compositing along
  rays) and :func:`splat_gaussians` (depth-sorted, alpha-blended 2-D Gaussians).

Sources: Lucas and Kanade (1981); Horn and Schunck (1981); Bouguet, "Pyramidal
implementation of the Lucas-Kanade feature tracker" (2000); Baker et al., "A Database and
Evaluation Methodology for Optical Flow" (2011) for the colour wheel and end-point error;
Hartley and Zisserman, *Multiple View Geometry* (2004), ch. 9-12; Mildenhall et al., "NeRF"
(2020); Kerbl et al., "3D Gaussian Splatting for Real-Time Radiance Field Rendering" (2023).
"""

from mlinterview.ml.vision._flow import (
    bilinear_sample,
    box_mean,
    color_wheel,
    endpoint_error,
    flow_arrows,
    flow_to_rgb,
    gaussian_blur,
    horn_schunck,
    image_gradients,
    lucas_kanade,
    moving_texture,
    warp,
)
from mlinterview.ml.vision._geometry import (
    VolumeRender,
    camera_matrix,
    eight_point,
    essential_from_fundamental,
    essential_to_pose,
    normalize_points,
    pose_candidates,
    project,
    reprojection_error,
    sampson_distance,
    splat_gaussians,
    to_homogeneous,
    triangulate,
    volume_render,
)

__all__ = [
    "VolumeRender",
    "bilinear_sample",
    "box_mean",
    "camera_matrix",
    "color_wheel",
    "eight_point",
    "endpoint_error",
    "essential_from_fundamental",
    "essential_to_pose",
    "flow_arrows",
    "flow_to_rgb",
    "gaussian_blur",
    "horn_schunck",
    "image_gradients",
    "lucas_kanade",
    "moving_texture",
    "normalize_points",
    "pose_candidates",
    "project",
    "reprojection_error",
    "sampson_distance",
    "splat_gaussians",
    "to_homogeneous",
    "triangulate",
    "volume_render",
    "warp",
]
