"""ml.runtime: caching, thread safety, provider reporting, file errors (real ONNX files)."""
import os
import shutil
import threading

import numpy as np
import pytest

from ml import runtime
from ml.runtime import ModelFileError, get_session


@pytest.fixture
def fp32(exported_encoder):
    runtime.clear_cache()
    return str(exported_encoder[0] / "text_encoder.onnx")


def _feeds(n=3, seq=5):
    ids = np.full((n, seq), 1000, dtype=np.int64)
    ids[:, 0], ids[:, -1] = 101, 102
    return {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}


def test_session_cached_by_checksum_and_device(fp32, tmp_path):
    a = get_session(fp32, "cpu")
    assert get_session(fp32, "cpu") is a
    copy = tmp_path / "copy.onnx"
    shutil.copy(fp32, copy)
    assert get_session(str(copy), "cpu") is a, "same content -> same cached session"
    assert get_session(fp32, "auto") is not a, "device is part of the key"
    assert a.checksum == runtime.file_checksum(fp32) and len(a.checksum) == 64
    assert a.input_names == ["input_ids", "attention_mask", "token_type_ids"]
    assert a.output_names == ["embeddings"]


def test_release_drops_cached_sessions(fp32):
    a = get_session(fp32, "cpu")
    runtime.release(a.checksum)
    assert get_session(fp32, "cpu") is not a


def test_providers_are_the_ones_obtained(fp32, caplog):
    cpu = get_session(fp32, "cpu")
    assert cpu.providers == ["CPUExecutionProvider"] and cpu.device == "cpu"
    auto = get_session(fp32, "auto")
    assert auto.providers == auto._session.get_providers()
    assert auto.device == ("cuda" if auto.providers[0] == "CUDAExecutionProvider" else "cpu")
    cuda = get_session(fp32, "cuda")
    if cuda.device == "cpu":  # no GPU here: fallback is reported and logged
        assert cuda.provider == "CPUExecutionProvider"
        assert any("CUDA was requested" in r.getMessage() for r in caplog.records)


def test_session_options_for_shared_server(fp32, monkeypatch):
    import onnxruntime as ort

    monkeypatch.setenv("HR_TALENT_AI_ORT_THREADS", "1")
    opts = runtime._session_options(ort)
    assert opts.intra_op_num_threads == 1 and opts.inter_op_num_threads == 1
    assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert opts.get_session_config_entry("session.inter_op.allow_spinning") == "0"
    assert opts.graph_optimization_level == ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    monkeypatch.setenv("HR_TALENT_AI_ORT_THREADS", "junk")
    assert 1 <= runtime.default_threads() <= 4


def test_concurrent_first_use_builds_one_session(fp32):
    results, errors = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            s = get_session(fp32, "cpu")
            results.append((s, s.run(_feeds())[0]))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors
    assert len({id(s) for s, _ in results}) == 1
    for _, out in results:
        np.testing.assert_allclose(out, results[0][1], atol=1e-6)


def test_run_batched_matches_run(fp32):
    s = get_session(fp32, "cpu")
    feeds = _feeds(n=7)
    feeds["input_ids"][:, 2] = np.arange(7) + 2000  # make rows differ
    whole = s.run(feeds)[0]
    parts = s.run_batched(feeds, batch_size=3)[0]
    assert parts.shape == (7, 384)
    np.testing.assert_allclose(parts, whole, atol=1e-5)
    with pytest.raises(ValueError):
        s.run({"input_ids": feeds["input_ids"]})


def test_missing_file_names_the_fix(tmp_path):
    with pytest.raises(ModelFileError, match="missing.*roll back"):
        get_session(str(tmp_path / "nope.onnx"))


def test_corrupt_file_names_the_fix(fp32, tmp_path):
    bad = tmp_path / "corrupt.onnx"
    with open(fp32, "rb") as f:
        bad.write_bytes(f.read(4096))  # truncated real model
    with pytest.raises(ModelFileError, match="corrupt.*re-export or re-train"):
        get_session(str(bad))
    garbage = tmp_path / "garbage.onnx"
    garbage.write_bytes(os.urandom(1000))
    with pytest.raises(ModelFileError):
        get_session(str(garbage), "cpu")


def test_unknown_device_rejected(fp32):
    with pytest.raises(ValueError, match="device"):
        get_session(fp32, "tpu")


def test_cuda_provider_that_cannot_start_falls_back_to_cpu(fp32, monkeypatch, caplog):
    """Fault injection: ONNX Runtime really tries the CUDA provider (the driver probe is forced,
    the GPU id does not exist), fails, and serving goes on on the CPU with the same outputs and
    a reason; the failure is remembered so later models do not try (and log) again."""
    expected = get_session(fp32, "cpu").run(_feeds())[0]
    monkeypatch.setattr(runtime, "_gpu_present", lambda: True)
    monkeypatch.setenv("HR_TALENT_AI_CUDA_DEVICE", "99")
    runtime.clear_cache()
    assert runtime.cuda_unavailable_reason() is None, "the CUDA provider will be tried"
    cuda = get_session(fp32, "cuda")
    assert cuda.providers == ["CPUExecutionProvider"] and cuda.device == "cpu"
    assert "could not start on GPU 99" in cuda.fallback_reason
    assert np.allclose(cuda.run(_feeds())[0], expected, atol=1e-6)
    assert any("CUDA was requested" in r.getMessage() and "GPU 99" in r.getMessage() for r in caplog.records)
    assert runtime.cuda_unavailable_reason() == cuda.fallback_reason, "remembered for the process"
    monkeypatch.setenv("HR_TALENT_AI_CUDA_DEVICE", "0")
    assert runtime.cuda_unavailable_reason() is None, "another GPU is tried afresh"
    runtime.clear_cache()


def test_cpu_device_never_tries_cuda(fp32, monkeypatch):
    monkeypatch.setattr(runtime, "_gpu_present", lambda: True)
    session = get_session(fp32, "cpu")
    assert session.providers == ["CPUExecutionProvider"] and session.fallback_reason is None
    assert not runtime._cuda_failed


def test_small_address_space_limit_means_no_cuda(fp32, monkeypatch):
    """Under Odoo's limit_memory_hard (RLIMIT_AS, 2.5 GiB by default) CUDA would exhaust the
    address space of the worker: it is not tried, and the reason names the setting."""
    monkeypatch.setattr(runtime, "_gpu_present", lambda: True)
    monkeypatch.setattr(runtime, "address_space_limit", lambda: 2560 << 20)
    runtime.clear_cache()
    session = get_session(fp32, "cuda")
    assert session.providers == ["CPUExecutionProvider"]
    assert "limit_memory_hard = 0" in session.fallback_reason and "2560 MiB" in session.fallback_reason
    runtime.clear_cache()


def test_run_side_by_side_runs_each_item_once_and_raises(monkeypatch):
    monkeypatch.setenv("HR_TALENT_AI_ORT_THREADS", "2")
    seen, threads = [], set()

    def run_one(i):
        seen.append(i)
        threads.add(threading.get_ident())

    runtime.run_side_by_side(9, run_one)
    assert sorted(seen) == list(range(9))
    assert threading.get_ident() in threads, "the calling thread takes a share"
    assert len(threads) == 2
    seen.clear()
    runtime.run_side_by_side(1, run_one)
    runtime.run_side_by_side(0, run_one)
    assert seen == [0]

    def fail(i):
        if i == 1:
            raise ValueError("item 1 is bad")

    with pytest.raises(ValueError, match="item 1 is bad"):
        runtime.run_side_by_side(4, fail)
