"""The confined URL fetcher: only files below the allowed folders, never the network."""

import os
from pathlib import Path

import pytest

from lectio.render.fetcher import ConfinedFetcher


@pytest.fixture
def tree(tmp_path: Path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "fonts").mkdir(parents=True)
    outside.mkdir()
    (project / "fonts" / "a.css").write_text("p { color: red }", encoding="utf-8")
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    return project, outside


def test_a_file_inside_is_served_with_its_bytes(tree):
    project, _ = tree
    fetcher = ConfinedFetcher([project])
    response = fetcher.fetch((project / "fonts" / "a.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.geturl() == (project / "fonts" / "a.css").resolve().as_uri()
    assert fetcher.refused == []


@pytest.mark.parametrize("url", [
    "outside",                      # a sibling folder
    "traversal",                    # project/../outside
    "link",                         # a symlink inside pointing outside
    "prefix",                       # project-evil is not below project
    "https://example.org/x.css",
    "hostpath",                     # a web URL whose path is a project file
    "ftp://example.org/x.css",
    "/etc/passwd",                  # no scheme
])
def test_everything_else_is_refused_and_recorded(tree, url):
    project, outside = tree
    evil = project.parent / "project-evil"
    evil.mkdir()
    (evil / "x.css").write_text("x", encoding="utf-8")
    os.symlink(outside / "secret.txt", project / "link.txt")
    url = {"outside": (outside / "secret.txt").as_uri(),
           "traversal": "file://" + str(project) + "/../outside/secret.txt",
           "link": (project / "link.txt").as_uri(),
           "prefix": (evil / "x.css").as_uri(),
           "hostpath": "https://example.org" + str(project / "fonts" / "a.css")}.get(url, url)
    fetcher = ConfinedFetcher([project])
    with pytest.raises(ValueError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"lectio does not load {url}: only files of the project are allowed"
    assert fetcher.refused == [url]


def test_a_missing_file_inside_is_not_found_not_refused(tree):
    project, _ = tree
    fetcher = ConfinedFetcher([project])
    with pytest.raises(ValueError, match="^file not found: "):
        fetcher.fetch((project / "none.css").as_uri())
    assert fetcher.refused == []


def test_the_allowed_folder_itself_and_a_second_root(tree):
    project, outside = tree
    fetcher = ConfinedFetcher([project / "fonts", outside])
    assert fetcher.fetch((outside / "secret.txt").as_uri()).read() == b"secret"
    with pytest.raises(ValueError, match="only files of the project"):
        fetcher.fetch((project / "other.css").as_uri())


def test_data_urls_are_decoded_without_a_file(tree):
    fetcher = ConfinedFetcher([tree[0]])
    assert fetcher.fetch("data:text/css,p%7Bcolor:red%7D").read() == b"p{color:red}"
    assert fetcher.refused == []
