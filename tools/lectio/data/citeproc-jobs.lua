-- lectio: one pandoc run formats many texts, each as if pandoc had been run on it alone.
-- Every top-level Div of class "lectio-job" is a document of its own: citeproc runs on it
-- with its own bibliography (attribute "bibliography", a file named on the command line),
-- "suppress-bibliography" and "nocite", so first citations, short forms and ibid. start
-- afresh in each; its HTML follows a "<!--lectio-job-->" line in the output, in order.
function Pandoc(doc)
  local out = {}
  for _, block in ipairs(doc.blocks) do
    if block.t == "Div" and block.classes:includes("lectio-job") then
      local meta = pandoc.Meta(doc.meta)
      local attr = block.attributes
      meta.bibliography = attr.bibliography
      if attr.suppress == "true" then
        meta["suppress-bibliography"] = true
      end
      if attr.nocite then
        meta.nocite = pandoc.read("---\nnocite: '" .. attr.nocite .. "'\n---\n", "markdown").meta.nocite
      end
      local done = pandoc.utils.citeproc(pandoc.Pandoc(block.content, meta))
      table.insert(out, pandoc.RawBlock("html", "<!--lectio-job-->\n" .. pandoc.write(done, "html5", {wrap_text = "none"})))
    end
  end
  return pandoc.Pandoc(out, doc.meta)
end
