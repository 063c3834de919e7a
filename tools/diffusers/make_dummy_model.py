#!/usr/bin/python3
"""Writes the dummy network of diffusers' scheduler tests as a tiny ONNX file for the engine's tests.

diffusers' tests/schedulers/test_schedulers.py (SchedulerCommonTest.dummy_model) runs every full-loop test with the
"model" eps(x, t) = x * t / (t + 1), t the integer timestep. This graph computes exactly that, in float32, in the
same order of operations: (x * t) / (t + 1), t broadcast over the sample's (3, 8, 8) elements.

Inputs: x float32 (batch, 3, 8, 8), t float32 (batch); output eps float32 (batch, 3, 8, 8). The gddim metadata
says: eps prediction, process ddpm (betas from --scheduler-config), time input t (the integer label T t - 1),
input shape 3,8,8.

Usage (Debian's python3-onnx; apt-get install -y python3-onnx):
  /usr/bin/python3 tools/diffusers/make_dummy_model.py engine-java/src/test/resources/org/gddim/diffusers/dummy-x-t.onnx
"""
import sys

import onnx
from onnx import TensorProto, helper


def main(out):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 8, 8])
    t = helper.make_tensor_value_info("t", TensorProto.FLOAT, ["batch"])
    eps = helper.make_tensor_value_info("eps", TensorProto.FLOAT, ["batch", 3, 8, 8])
    shape = helper.make_tensor("shape", TensorProto.INT64, [4], [-1, 1, 1, 1])
    one = helper.make_tensor("one", TensorProto.FLOAT, [], [1.0])
    nodes = [
        helper.make_node("Reshape", ["t", "shape"], ["t4"]),
        helper.make_node("Mul", ["x", "t4"], ["xt"]),
        helper.make_node("Add", ["t4", "one"], ["t1"]),
        helper.make_node("Div", ["xt", "t1"], ["eps"]),
    ]
    graph = helper.make_graph(nodes, "diffusers_dummy_model", [x, t], [eps], initializer=[shape, one])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="gddim tools/diffusers")
    model.ir_version = 8
    for key, value in {
        "gddim.prediction": "eps",
        "gddim.process": "ddpm",
        "gddim.time_input": "t",
        "gddim.input_shape": "3,8,8",
        "gddim.name": "diffusers-dummy x*t/(t+1)",
    }.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    onnx.save(model, out)


if __name__ == "__main__":
    main(sys.argv[1])
