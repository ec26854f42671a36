"""The training API: one router mounted at /api/training, assembled from sub-routers.

Library (public): `api_library`. The runner half adds its own module the same way.
"""

from ninja import Router

from stridewell.training.api_library import router as library_router
from stridewell.training.api_runner import runner_router
from stridewell.training.api_runner.handover import router as hand_over_router

router = Router(tags=["training"])
router.add_router("", library_router)
router.add_router("", runner_router)
router.add_router("", hand_over_router)
