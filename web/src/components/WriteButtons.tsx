// "Write a blog entry" and "Ask a question": each opens the writing form
// (in the community chosen in the composer, if any); the new post opens at
// its permalink.

import { useState } from "preact/hooks";
import { postPath } from "../lib/kinds";
import { navigate } from "../lib/router";
import type { PostKind, Status } from "../lib/types";
import { Icon } from "./icons";
import { WriteForm } from "./WriteForm";
import { t } from "../i18n";

export function WriteButtons({ communityId, communityName, onPosted }: { communityId?: string; communityName?: string; onPosted?: (s: Status) => void }) {
  const [writing, setWriting] = useState<PostKind | null>(null);
  return (
    <>
      <div class="row-end write-more">
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setWriting("blog")}>
          <Icon name="edit" size={16} /> {t("writeButtons.blog")}
        </button>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setWriting("question")}>
          <Icon name="comment" size={16} /> {t("writeButtons.question")}
        </button>
      </div>
      {writing && (
        <WriteForm
          kind={writing}
          communityId={communityId}
          communityName={communityName}
          onClose={() => setWriting(null)}
          onDone={(s) => {
            setWriting(null);
            onPosted?.(s);
            navigate(postPath(s));
          }}
        />
      )}
    </>
  );
}
