"""ONNX Runtime serving core (no torch).

Why this module exists: the Odoo server is a long-lived, multi-threaded,
shared process. Sessions are expensive to build (graph optimisation, weight
loading), so they are created lazily and cached per process, keyed by the
file's content hash (a retrained model at the same path is a new key) and the
requested device. Thread settings are kept small and spinning is disabled so
that idle inference threads do not burn the CPU cores other workers need.
"""
import contextlib
import hashlib
import logging
import os
import threading

import numpy as np

_logger = logging.getLogger(__name__)

CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"
DEVICES = ("auto", "cpu", "cuda")

_cache = {}
_lock = threading.RLock()
_sha_cache = {}  # (path, mtime_ns, size) -> sha256, avoids re-hashing big files
_cuda_failed = {}  # GPU id -> why its CUDA provider could not start: not retried (nor re-logged) per model
_cuda_libraries = []  # [True/False] once the pip-installed CUDA/cuDNN libraries were looked for


def cuda_device_id():
    """GPU the CUDA provider runs on: HR_TALENT_AI_CUDA_DEVICE (a server setting, like the
    thread count: which GPU a server uses is deployment, not database, configuration)."""
    env = os.environ.get("HR_TALENT_AI_CUDA_DEVICE", "").strip()
    if env:
        try:
            return max(0, int(env))
        except ValueError:
            _logger.warning("Ignoring invalid HR_TALENT_AI_CUDA_DEVICE=%r", env)
    return 0


def _preload_cuda_libraries(ort):
    """Load the CUDA 13 / cuDNN 9 libraries of the nvidia-* pip packages that onnxruntime-gpu's
    [cuda,cudnn] extras install (torch does this for itself; the Odoo server never imports torch)."""
    if not _cuda_libraries:
        try:
            ort.preload_dlls(directory="")
            _cuda_libraries.append(True)
        except Exception as exc:  # noqa: BLE001 - a missing library only means: CPU
            _logger.info("CUDA libraries not preloaded (%s); relying on the system library path", exc)
            _cuda_libraries.append(False)
    return _cuda_libraries[0]


def cuda_unavailable_reason(ort=None):
    """Why the CUDA provider will not be tried on this server (None when it will be)."""
    if ort is None:
        import onnxruntime as ort
    device_id = cuda_device_id()
    if device_id in _cuda_failed:
        return _cuda_failed[device_id]
    if not _gpu_present():
        return "no NVIDIA GPU driver on this server"
    if CUDA not in ort.get_available_providers():
        return "this ONNX Runtime build has no CUDA provider (install onnxruntime-gpu, not onnxruntime)"
    limit = address_space_limit()
    if limit is not None and limit < CUDA_MIN_ADDRESS_SPACE:
        return ("this process may map only %d MiB of address space (Odoo's limit_memory_hard), too little for "
                "CUDA, which maps several GiB of libraries and reserves GPU address space: set "
                "limit_memory_hard = 0 on a GPU server (limit_memory_soft still recycles workers)" % (limit >> 20))
    return None


# CUDA maps its libraries (cuBLAS, cuDNN: several GiB) and reserves virtual address space for the
# GPU: under a smaller RLIMIT_AS it fails inside ONNX Runtime with pthread/bad_alloc errors, and
# leaves the process without memory for anything else, so it is not even tried.
CUDA_MIN_ADDRESS_SPACE = 64 << 30


def address_space_limit():
    """RLIMIT_AS of this process in bytes (None: unlimited). Odoo sets it from limit_memory_hard."""
    try:
        import resource
    except ImportError:  # not a POSIX system
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY else soft


def _gpu_present():
    """An NVIDIA driver is loaded (cheap check so CPU-only hosts never try the CUDA provider)."""
    return os.path.exists("/proc/driver/nvidia/version") or os.path.exists("/dev/nvidiactl")


class ModelFileError(RuntimeError):
    """A model file is missing or is not a loadable ONNX graph."""


def file_checksum(path):
    """sha256 of the file, memoised on (path, mtime, size)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ModelFileError(
            "Model file %s is missing (%s). Re-export or re-train the model, or roll back "
            "to a previous version in Talent AI > Configuration > Models." % (path, exc.strerror)
        ) from exc
    key = (os.path.abspath(path), st.st_mtime_ns, st.st_size)
    digest = _sha_cache.get(key)
    if digest is None:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        digest = _sha_cache[key] = h.hexdigest()
    return digest


def default_threads():
    """Intra-op threads: HR_TALENT_AI_ORT_THREADS, else min(4, cpu count)."""
    env = os.environ.get("HR_TALENT_AI_ORT_THREADS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            _logger.warning("Ignoring invalid HR_TALENT_AI_ORT_THREADS=%r", env)
    return max(1, min(4, os.cpu_count() or 1))


_side_pool = []
_blas = []


@contextlib.contextmanager
def one_blas_thread():
    """numpy's BLAS on one thread inside the block. A BLAS thread pool keeps spinning for a while
    after each product; between the one-thread ONNX runs that go side by side it takes the core
    they run on (measured on 2 cores: a review's sentences read in 62 ms instead of 28 ms after
    a 20 x 1971 product). Small products lose nothing on one thread."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # the product runs as numpy sets it up
        yield
        return
    with _lock:
        if not _blas:
            _blas.append(ThreadpoolController())
    with _blas[0].limit(limits=1, user_api="blas"):
        yield


def run_side_by_side(count, run_one, workers=None):
    """``run_one(i)`` for i in range(count), ``workers`` (default ``default_threads()``) at once:
    the calling thread takes one share, the process's helper threads the others. For graphs run
    one input at a time on a one-thread session (``get_session(..., threads=1)``): ONNX Runtime
    releases the GIL, so two one-thread runs use 2 cores better than one two-thread run of a
    short input. The helpers live as long as the process: a thread made per call would cost
    address space (its stack, a malloc arena) that Odoo's limit_memory_hard counts."""
    from concurrent.futures import ThreadPoolExecutor

    step = max(1, min(int(workers or default_threads()), count))

    def share(first):
        for i in range(first, count, step):
            run_one(i)

    if step == 1:
        share(0)
        return
    with _lock:
        if not _side_pool:
            _side_pool.append(ThreadPoolExecutor(max_workers=max(1, default_threads() - 1),
                                                 thread_name_prefix="talent_ai_run"))
    others = [_side_pool[0].submit(share, k) for k in range(1, step)]
    try:
        share(0)
    finally:
        for other in others:
            other.result()


def _session_options(ort, threads=None):
    """``threads``: intra-op threads of one run (default ``default_threads()``); 1 for a graph
    whose inputs are run one at a time from several Python threads (TextEncoder one_per_run)."""
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, int(threads)) if threads else default_threads()
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Busy-waiting threads would steal the cores of the other Odoo workers.
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
    opts.log_severity_level = 3
    return opts


class OnnxSession:
    """An InferenceSession plus what was actually obtained (device, providers)."""

    def __init__(self, path, checksum, requested_device="auto", threads=None):
        import onnxruntime as ort

        if requested_device not in DEVICES:
            raise ValueError("device must be one of %s, not %r" % (DEVICES, requested_device))
        self.path = path
        self.checksum = checksum
        self.requested_device = requested_device
        self.device_id = cuda_device_id()
        self.fallback_reason = None  # why a requested/possible GPU is not used
        reason = cuda_unavailable_reason(ort) if requested_device != "cpu" else "CPU requested in the settings"
        try_cuda = reason is None
        if try_cuda:
            _preload_cuda_libraries(ort)
        # get_available_providers() lists CUDA for the GPU build even without a
        # GPU, so only the providers of the built session are trusted (below).
        wanted = [(CUDA, {"device_id": self.device_id}), CPU] if try_cuda else [CPU]
        try:
            try:
                self._session = ort.InferenceSession(path, sess_options=_session_options(ort, threads), providers=wanted)
            except Exception:  # noqa: BLE001 - a GPU that fails to start must not be taken for a bad file
                if not try_cuda:
                    raise
                _logger.warning("ONNX Runtime could not create a CUDA session for %s; retrying on CPU",
                                os.path.basename(path), exc_info=True)
                self._session = ort.InferenceSession(path, sess_options=_session_options(ort, threads), providers=[CPU])
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph/... types
            raise ModelFileError(
                "Model file %s could not be loaded by ONNX Runtime (%s). The file is corrupt or "
                "not an ONNX model: re-export or re-train it, or roll back to a previous version "
                "in Talent AI > Configuration > Models." % (path, (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300])
            ) from exc
        self.providers = list(self._session.get_providers())
        self.device = "cuda" if self.providers and self.providers[0] == CUDA else "cpu"
        if try_cuda and self.device != "cuda":
            reason = _cuda_failed[self.device_id] = (
                "the CUDA provider could not start on GPU %d (CUDA 13 / cuDNN 9 libraries missing, or the GPU "
                "is absent or unusable; the server log has ONNX Runtime's own error)" % self.device_id)
        if self.device != "cuda" and requested_device != "cpu":
            self.fallback_reason = reason
        if requested_device == "cuda" and self.device != "cuda":
            _logger.warning("CUDA was requested for %s but is not available (%s); running on CPU",
                            os.path.basename(path), reason)
        self.input_names = [i.name for i in self._session.get_inputs()]
        self.output_names = [o.name for o in self._session.get_outputs()]

    @property
    def provider(self):
        """The provider that runs the graph (first one obtained)."""
        return self.providers[0] if self.providers else CPU

    def run(self, feeds, output_names=None):
        """Run once; feeds may hold extra inputs, only the graph's are passed."""
        missing = [n for n in self.input_names if n not in feeds]
        if missing:
            raise ValueError("Missing model inputs: %s" % ", ".join(missing))
        inputs = {n: feeds[n] for n in self.input_names}
        return self._session.run(output_names, inputs)

    def run_batched(self, feeds, batch_size, output_names=None):
        """Run in chunks of batch_size along axis 0 and concatenate the outputs."""
        batch_size = max(1, int(batch_size))
        n = len(next(iter(feeds.values()))) if feeds else 0
        if any(len(v) != n for v in feeds.values()):
            raise ValueError("All inputs must have the same length on axis 0")
        if n <= batch_size:
            return self.run(feeds, output_names)
        parts = [self.run({k: v[i:i + batch_size] for k, v in feeds.items()}, output_names)
                 for i in range(0, n, batch_size)]
        return [np.concatenate([p[j] for p in parts], axis=0) for j in range(len(parts[0]))]

    def __repr__(self):
        return "<OnnxSession %s %s %s>" % (os.path.basename(self.path), self.checksum[:12], self.provider)


def get_session(path, device="auto", threads=None):
    """Cached, thread-safe session for the file at path (keyed by sha256, device and the
    intra-op ``threads`` of a run, default ``default_threads()``)."""
    if not path or not os.path.isfile(path):
        raise ModelFileError(
            "Model file %s is missing. Re-export or re-train the model, or roll back to a "
            "previous version in Talent AI > Configuration > Models." % path
        )
    checksum = file_checksum(path)
    key = (checksum, device, cuda_device_id() if device != "cpu" else None, threads)
    session = _cache.get(key)
    if session is None:
        with _lock:
            session = _cache.get(key)
            if session is None:
                session = _cache[key] = OnnxSession(path, checksum, device, threads)
                _logger.info("Loaded ONNX model %s on %s", os.path.basename(path), session.provider)
    return session


def release(checksum):
    """Drop the cached sessions of a model file (e.g. a retired version) to free memory."""
    with _lock:
        for key in [k for k in _cache if k[0] == checksum]:
            del _cache[key]


def clear_cache():
    """Forget all sessions (tests, or after a model file was replaced)."""
    with _lock:
        _cache.clear()
        _sha_cache.clear()
        _cuda_failed.clear()
