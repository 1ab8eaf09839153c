"""Builds the compiled kernels (``align/kernels/_compiled.pyx``); everything else is in
pyproject.toml. The extension is optional: without a C compiler (or without Cython, in a
``--no-build-isolation`` install) the install still succeeds and the numpy kernels run
(the same results, slower)."""
from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:
    ext_modules = []
else:
    ext_modules = cythonize(
        [Extension("align.kernels._compiled", ["align/kernels/_compiled.pyx"], optional=True,
                   extra_compile_args=["-O3"])],
        language_level=3)

setup(ext_modules=ext_modules)
