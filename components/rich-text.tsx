import { renderRichText } from "@/lib/text/latex";

/** A title or abstract with its LaTeX rendered; the HTML comes from escaped text and KaTeX only. */
export function RichText({ text, as: Tag = "span", className }: { text: string; as?: "span" | "p" | "div"; className?: string }) {
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: renderRichText(text) }} />;
}
