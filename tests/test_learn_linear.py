import pytest

from kg.learn.linear import fit, parse_tsv
from kg.learn.pool import gold_sets


def test_fit_learns_the_feature_that_decides_and_round_trips_as_tsv():
    examples = [["cue", "noise1"], ["cue", "noise2"], ["noise1"], ["noise2"], ["cue"], ["noise1", "noise2"]] * 4
    labels = [1, 1, 0, 0, 1, 0] * 4
    model = fit(examples, labels, c=1.0)
    assert model.prob(["cue"]) > 0.8 and model.prob(["noise1"]) < 0.3
    text = model.to_tsv("toy model")
    assert text.startswith("# toy model\n(bias)\t")
    again = parse_tsv(text)
    assert again == model
    assert again.to_tsv("toy model") == text


def test_fit_is_deterministic_and_drops_rare_features():
    examples = [["a", "once"], ["a"], ["b"], ["b"]]
    one, two = fit(examples, [1, 1, 0, 0]), fit(examples, [1, 1, 0, 0])
    assert one == two
    assert "once" not in one.weights


@pytest.mark.parametrize("text", ["a\t0.5\n", "(bias)\t0.1\nno weight here\n", "(bias)\tzero\n"])
def test_a_malformed_model_file_is_an_error_naming_the_line(text):
    with pytest.raises(ValueError, match="model"):
        parse_tsv(text)


def test_the_pool_lists_seeds_dev_and_numbered_held_out_sets_in_order():
    names = [s.name for s in gold_sets(".", exclude=("dev",))]
    assert names[0] == "seeds" and "dev" not in names
    numbers = [int(n[3:]) for n in names[1:]]
    assert numbers == sorted(numbers) and len(numbers) >= 20
