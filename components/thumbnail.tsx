"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A source's picture of a paper, small beside a card's title: decorative (the title says what
 * it is), loaded only when near the screen, from the source's host without a referrer. One that
 * cannot be loaded (host unreachable, gone) is removed, leaving the tinted box, instead of the
 * browser's broken-image icon; a load that failed before the page was interactive is caught too.
 * Not next/image: the app runs no image optimizer for other hosts' files.
 */
export function Thumbnail({ src }: { src: string }) {
  const image = useRef<HTMLImageElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const element = image.current;
    if (element?.complete && element.naturalWidth === 0) setFailed(true);
  }, []);
  return (
    <span
      aria-hidden
      className="float-right mb-2 ml-3 hidden h-16 w-28 overflow-hidden rounded-md bg-gradient-to-br from-amber-100 to-gray-100 sm:block dark:from-amber-950 dark:to-gray-900"
    >
      {!failed && (
        <img
          ref={image}
          src={src}
          alt=""
          loading="lazy"
          decoding="async"
          width={112}
          height={64}
          referrerPolicy="no-referrer"
          onError={() => setFailed(true)}
          className="h-full w-full object-cover"
        />
      )}
    </span>
  );
}
