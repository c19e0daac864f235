"""What one case gathers from several domains, kept out of the hub so that `cases` imports none of them: the case
pages (the case with its documents and fee accounts), closing (the deciding document into the dossier, the case
closed by cases.service, the fee by fees.payments), and documents opened through their case or filing application.
The pages render the templates of the domains they show (cases/, dossier/)."""
