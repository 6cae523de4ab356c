import { describe, expect, it } from "vitest";
import { profileUpdateBody, type ProfileFormValues } from "./profileForm";

const form: ProfileFormValues = {
  display_name: "Ada Admin",
  note: "Hello",
  pronouns: "she/her",
  follow_approval: "management_chain",
  expertise: "#sql, forecasting  negotiation",
  fields: [
    { name: "Blog", value: "https://ada.example" },
    { name: " ", value: "" },
  ],
};

describe("profileUpdateBody", () => {
  it("sends the name of someone with no directory source", () => {
    const body = profileUpdateBody(form, false);
    expect(body.display_name).toBe("Ada Admin");
    expect(body.expertise).toEqual(["sql", "forecasting", "negotiation"]);
    expect(body.fields_attributes).toEqual({ "0": { name: "Blog", value: "https://ada.example" } });
  });

  it("sends the follow-approval setting, not Mastodon's locked switch", () => {
    const body = profileUpdateBody(form, false);
    expect(body.follow_approval).toBe("management_chain");
    expect("locked" in body).toBe(false);
  });

  it("never sends the name of someone the directory names", () => {
    const body = profileUpdateBody(form, true);
    expect("display_name" in body).toBe(false);
    expect(body.note).toBe("Hello");
    expect(body.pronouns).toBe("she/her");
  });

  it("clears the items with one empty item when none are left", () => {
    const body = profileUpdateBody({ ...form, fields: [{ name: "", value: "" }] }, false);
    expect(body.fields_attributes).toEqual({ "0": { name: "", value: "" } });
  });
});
