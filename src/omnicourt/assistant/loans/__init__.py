"""Financial loan disputes (金融借款合同纠纷): elements, computation, draft."""
