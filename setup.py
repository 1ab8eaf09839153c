"""Builds the compiled kernels (``align/kernels/_compiled.pyx``); everything else is in
pyproject.toml. The extension is optional: without a C compiler the install still succeeds
and the numpy kernels run (the same results, slower)."""
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize(
    [Extension("align.kernels._compiled", ["align/kernels/_compiled.pyx"], optional=True,
               extra_compile_args=["-O3"])],
    language_level=3))
