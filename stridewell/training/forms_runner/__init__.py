"""Forms for the runner and physio pages."""

from stridewell.training.forms_runner.common import PAIN_HELP, date_field, pain_field
from stridewell.training.forms_runner.screening import (
    CheckInForm,
    ClinicScreeningForm,
    FindRunnerForm,
    ManualProgrammeForm,
    OverrideForm,
    SelfScreenForm,
)
from stridewell.training.forms_runner.session import SessionLogForm

__all__ = [
    "PAIN_HELP",
    "CheckInForm",
    "ClinicScreeningForm",
    "FindRunnerForm",
    "ManualProgrammeForm",
    "OverrideForm",
    "SelfScreenForm",
    "SessionLogForm",
    "date_field",
    "pain_field",
]
