"""Shared fixtures: the packaged MiniLM exported once per test session (real ONNX files)."""
import pytest


@pytest.fixture(scope="session")
def exported_encoder(tmp_path_factory):
    """(output_dir, metrics) of a real fp32 + int8 export of the packaged MiniLM."""
    from ml.export_text_encoder import train

    out = tmp_path_factory.mktemp("text_encoder")
    metrics = train({"int8": True}, out)
    return out, metrics


@pytest.fixture(scope="session")
def encoder_dir():
    from ml.text_encoder import default_encoder_dir

    return default_encoder_dir()
