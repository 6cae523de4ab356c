// The organization's posting guidance as the default advice pack. Each list
// holds whole words and phrases in several languages; organizations add
// their clients, partners and code names (lists "clients", "code_names")
// and their social community (setting "social_community") in their own
// pack or on the admin screen.
#include "social/advice_pack.h"

namespace atrium {

std::string_view DefaultAdvicePackJson() {
  return R"json({
  "settings": {
    "social_community": "",
    "politics_guidance": "Our guidance: political campaigning stays out of work channels."
  },
  "lists": {
    "agreement": ["+1", "agreed", "agree", "i agree", "totally agree", "this", "great post",
      "great point", "nice post", "well said", "so true", "exactly", "same", "same here",
      "me too", "yes", "100", "d'accord", "tout à fait", "je suis d'accord", "exactement",
      "genau", "stimmt", "sehe ich auch so", "ganz meine meinung", "de acuerdo",
      "totalmente de acuerdo", "exacto", "согласен", "согласна", "同意", "赞同", "賛成",
      "同感"],
    "praise": ["brilliant", "genius", "inspiring", "so inspiring", "amazing", "changed how i see everything",
      "changed the way i see everything", "visionary", "masterful", "brillant", "genial",
      "inspirierend", "inspirant", "génial", "brillante"],
    "non_work": ["football", "soccer", "world cup", "tournament", "league", "playoffs",
      "super bowl", "touchdown", "penalty", "goalkeeper", "referee", "episode", "season finale",
      "netflix", "spoilers", "tv show", "fußball", "weltmeisterschaft", "bundesliga",
      "torwart", "schiedsrichter", "folge", "staffel", "coupe du monde", "ligue", "arbitre",
      "série", "épisode", "fútbol", "mundial", "árbitro", "temporada"],
    "clients": [],
    "negative": ["terrible", "awful", "incompetent", "useless", "clueless", "idiots", "stupid",
      "hate", "worst", "disaster", "a joke", "pathetic", "schrecklich", "inkompetent",
      "unfähig", "katastrophe", "nutzlos", "incompétent", "incompétents", "nul", "nuls",
      "catastrophe", "horrible", "incompetente", "inútiles", "desastre"],
    "politics": ["vote for", "vote against", "re-elect", "reelect", "elect him", "elect her",
      "my candidate", "our candidate", "donate to the campaign", "campaign rally",
      "get out the vote", "wählt", "wählen sie", "votez pour", "votez contre", "vota por",
      "голосуйте за"],
    "confidential": ["confidential", "strictly confidential", "internal only",
      "do not forward", "not for distribution", "under nda", "vertraulich",
      "streng vertraulich", "nur intern", "confidentiel", "strictement confidentiel",
      "usage interne", "confidencial", "конфиденциально", "機密", "机密", "社外秘"],
    "code_names": []
  },
  "rules": [
    {
      "id": "agreement-only",
      "description": "A reply whose whole text is agreement: a Like says it without notifying everyone.",
      "severity": "info",
      "applies_to": {"replies": "only"},
      "all": [{"whole_text": ["@agreement"]}],
      "message": {
        "en": "A Like says this without a notification to everyone in the thread.",
        "de": "Ein Like sagt das, ohne alle im Thread zu benachrichtigen.",
        "fr": "Un « J'aime » le dit sans notifier tout le fil.",
        "es": "Un «Me gusta» lo dice sin notificar a todo el hilo."
      }
    },
    {
      "id": "praise-for-manager",
      "description": "Praise of a manager's post without substance: a Like says it.",
      "severity": "info",
      "applies_to": {"replies": "to_manager"},
      "all": [{"words": ["@praise"]}, {"max_words": 12}],
      "message": {
        "en": "A Like says this without a notification to everyone. If the post changed your work, say how.",
        "de": "Ein Like sagt das, ohne alle zu benachrichtigen. Wenn der Beitrag Ihre Arbeit verändert hat, sagen Sie, wie.",
        "fr": "Un « J'aime » le dit sans notifier tout le monde. Si ce message a changé votre travail, dites comment.",
        "es": "Un «Me gusta» lo dice sin notificar a todos. Si la publicación cambió tu trabajo, di cómo."
      }
    },
    {
      "id": "build-on-the-point",
      "description": "A reply opening \"What is more important…\" ranks the other person's point; build on it.",
      "severity": "info",
      "applies_to": {"replies": "only"},
      "all": [{"starts_with": ["what is more important", "what's more important",
        "whats more important", "more important is", "was wichtiger ist", "wichtiger ist",
        "ce qui est plus important", "lo más importante", "lo que es más importante"]}],
      "message": {
        "en": "Try \"What is also important…\": build on their point instead of ranking it.",
        "de": "Versuchen Sie „Was auch wichtig ist …“: auf dem Punkt aufbauen, statt ihn abzuwerten.",
        "fr": "Essayez « Ce qui est aussi important… » : prolongez leur idée au lieu de la classer.",
        "es": "Prueba «Lo que también es importante…»: construye sobre su idea en lugar de clasificarla."
      }
    },
    {
      "id": "social-community",
      "description": "A long non-work conversation (sports, TV, a tournament) in an organization-wide post: point to the social community.",
      "severity": "info",
      "applies_to": {"audience": "organization"},
      "requires": ["social_community"],
      "all": [{"words": ["@non_work"], "min_hits": 2}],
      "any": [{"thread_replies": 5}, {"chars": 280}],
      "message": {
        "en": "This sounds like a great conversation for {social_community}, where people gather for it.",
        "de": "Das klingt nach einem guten Gespräch für {social_community}, wo man sich dafür trifft.",
        "fr": "Voilà une belle conversation pour {social_community}, où l'on se retrouve pour cela.",
        "es": "Parece una buena conversación para {social_community}, donde la gente se reúne para eso."
      }
    },
    {
      "id": "client-criticism",
      "description": "A client or partner named together with negative wording.",
      "severity": "warn",
      "all": [{"words": ["@clients"]}, {"words": ["@negative"]}],
      "message": {
        "en": "You name {match} here. Would you say this in front of them?",
        "de": "Sie nennen hier {match}. Würden Sie das auch in deren Gegenwart sagen?",
        "fr": "Vous citez {match}. Le diriez-vous devant eux ?",
        "es": "Mencionas a {match}. ¿Lo dirías delante de ellos?"
      }
    },
    {
      "id": "politics",
      "description": "Political campaigning vocabulary in an organization-wide post.",
      "severity": "warn",
      "applies_to": {"audience": "organization"},
      "all": [{"words": ["@politics"]}],
      "message": {
        "en": "{politics_guidance}",
        "de": "{politics_guidance}",
        "fr": "{politics_guidance}",
        "es": "{politics_guidance}"
      }
    },
    {
      "id": "long-paste",
      "description": "A long passage pasted from elsewhere: link to it and add your view.",
      "severity": "info",
      "any": [{"lines": 15}, {"link_and_chars": 800}],
      "message": {
        "en": "This looks copied from elsewhere. Link to it and add your view.",
        "de": "Das sieht kopiert aus. Verlinken Sie es und ergänzen Sie Ihre Sicht.",
        "fr": "Ce texte semble copié. Mettez un lien et ajoutez votre point de vue.",
        "es": "Parece copiado de otro sitio. Enlázalo y añade tu opinión."
      }
    },
    {
      "id": "confidential",
      "description": "Confidentiality markers or code names in a post the whole organization will see.",
      "severity": "confirm",
      "applies_to": {"audience": "organization"},
      "all": [{"words": ["@confidential", "@code_names"]}],
      "message": {
        "en": "This mentions \"{match}\" and everyone in the organization will see it. Is this audience right?",
        "de": "Hier steht „{match}“, und die ganze Organisation wird es sehen. Ist das der richtige Kreis?",
        "fr": "Ce message mentionne « {match} » et toute l'organisation le verra. Est-ce le bon public ?",
        "es": "Esto menciona «{match}» y toda la organización lo verá. ¿Es el público adecuado?"
      }
    },
    {
      "id": "writing-in-anger",
      "description": "All capitals or many exclamation marks: a gentle pause.",
      "severity": "info",
      "any": [{"caps": {"min_letters": 16, "ratio": 0.7}}, {"exclamations": 4}],
      "message": {
        "en": "Strong feelings come through. Maybe read it again in a few minutes before posting?",
        "de": "Hier spricht ein starkes Gefühl. Vielleicht in ein paar Minuten noch einmal lesen?",
        "fr": "L'émotion transparaît. Peut-être relire dans quelques minutes avant de publier ?",
        "es": "Se nota la emoción. ¿Quizá releerlo en unos minutos antes de publicar?"
      }
    },
    {
      "id": "shared-link",
      "description": "A link someone in the organization shared in the last 30 days.",
      "severity": "info",
      "all": [{"shared_link": 30}],
      "message": {
        "en": "{name} shared this {when} — add to that conversation?",
        "de": "{name} hat das {when} geteilt — dort weiterdiskutieren?",
        "fr": "{name} a partagé ce lien {when} — rejoindre cette conversation ?",
        "es": "{name} compartió esto {when}: ¿sumarte a esa conversación?"
      }
    }
  ]
})json";
}

}  // namespace atrium
