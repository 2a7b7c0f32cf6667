"""The one parameter descriptor and the one spec grammar, shared by optimizers,
racer options, schedules and surfaces (pure Python: no NumPy, no Qt).

* :class:`Param` describes a setting a user may give: its name, kind (``float``,
  ``int`` or ``bool``), default, allowed range and meaning. It checks a Python
  value (:meth:`Param.check`) and reads typed text (:meth:`Param.parse`); a bad
  value raises :class:`ParamError` (a ``ValueError``) naming the setting, the
  value and the rule it broke.
* :func:`split_spec` reads the text form users type: ``name`` or
  ``name:key=value,key=value`` (``adam:lr=0.01,beta1=0.8``,
  ``ill_conditioned:kappa=100``). The registries decide what the keys mean.
"""

from .grammar import SpecError, format_spec, split_spec
from .param import Param, ParamError, format_number, format_value

__all__ = ["Param", "ParamError", "SpecError", "format_number", "format_spec", "format_value", "split_spec"]
