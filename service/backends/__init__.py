"""Alternative inference backends for the two model stages.

``ct2``: CTranslate2 (int8 on CPU, float16 on CUDA), the fast path; optional dependency
(``pip install kurzbrief[fast]``). ``quantize``: PyTorch dynamic int8 for the transformers
backend. The transformers backends themselves live in service.translate / service.summarize.
"""
